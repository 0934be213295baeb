package io.github.cai4j.bootloader.fwu;

import io.github.cai4j.bootloader.image.ImageVersion;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * The PSA Firmware Update client API ({@code psa_fwu_*}) through the call gate to the {@link FwuPartition}. Every
 * method throws {@link PsaException} with the service's exact status.
 */
public final class FwuClient {
    private final PsaClient client;

    public FwuClient(PsaClient client) {
        this.client = client;
    }

    /** {@code psa_fwu_query}. */
    public ComponentInfo query(int component) throws PsaException {
        byte[] out = new byte[FwuPartition.INFO_SIZE];
        CallResult r = call(FwuPartition.QUERY, component, 0, null, OutVec.of(out));
        if (r.outLength(0) != FwuPartition.INFO_SIZE) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "query reply is " + r.outLength(0) + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int stateValue = b.get() & 0xff;
        b.get();
        b.getShort();
        int error = b.getInt();
        ImageVersion v = new ImageVersion(b.get() & 0xff, b.get() & 0xff, b.getShort() & 0xffff,
                b.getInt() & 0xffff_ffffL);
        long maxSize = b.getLong();
        int flags = b.getInt();
        long location = b.getLong();
        FwuState state = Arrays.stream(FwuState.values()).filter(s -> s.value() == stateValue).findFirst()
                .orElseThrow(() -> new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "unknown state " + stateValue));
        return new ComponentInfo(state, error, v, maxSize, flags, location);
    }

    /** {@code psa_fwu_start} (MCUboot images carry their manifest: pass none). */
    public void start(int component) throws PsaException {
        call(FwuPartition.START, component, 0, null);
    }

    /** {@code psa_fwu_write}. */
    public void write(int component, long offset, byte[] block) throws PsaException {
        call(FwuPartition.WRITE, component, offset, block);
    }

    /** Writes a whole image in blocks of {@link FirmwareUpdate#MAX_WRITE_SIZE}. */
    public void writeImage(int component, byte[] image) throws PsaException {
        for (int off = 0; off < image.length; off += FirmwareUpdate.MAX_WRITE_SIZE) {
            int n = Math.min(FirmwareUpdate.MAX_WRITE_SIZE, image.length - off);
            write(component, off, Arrays.copyOfRange(image, off, off + n));
        }
    }

    /** {@code psa_fwu_finish}. */
    public void finish(int component) throws PsaException {
        call(FwuPartition.FINISH, component, 0, null);
    }

    /** {@code psa_fwu_cancel}. */
    public void cancel(int component) throws PsaException {
        call(FwuPartition.CANCEL, component, 0, null);
    }

    /** {@code psa_fwu_clean}. */
    public void clean(int component) throws PsaException {
        call(FwuPartition.CLEAN, component, 0, null);
    }

    /** {@code psa_fwu_install}: {@link PsaStatus#SUCCESS_REBOOT} when a reboot applies the update. */
    public PsaStatus install() throws PsaException {
        return status(call(FwuPartition.INSTALL, 0, 0, null));
    }

    /** {@code psa_fwu_request_reboot}. */
    public void requestReboot() throws PsaException {
        call(FwuPartition.REQUEST_REBOOT, 0, 0, null);
    }

    /** {@code psa_fwu_accept}. */
    public void accept() throws PsaException {
        call(FwuPartition.ACCEPT, 0, 0, null);
    }

    /** {@code psa_fwu_reject}. */
    public PsaStatus reject(int error) throws PsaException {
        return status(call(FwuPartition.REJECT, 0, error, null));
    }

    private static PsaStatus status(CallResult r) throws PsaException {
        Optional<PsaStatus> s = PsaStatus.fromValue(r.status());
        return s.orElseThrow(() -> new PsaException(r.status(), "unexpected status"));
    }

    private CallResult call(int function, int component, long argument, byte[] data, OutVec... out)
            throws PsaException {
        byte[] header = ByteBuffer.allocate(FwuPartition.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(function).putInt(component).putLong(argument).array();
        InVec[] in = data == null ? new InVec[] {InVec.of(header)} : new InVec[] {InVec.of(header), InVec.of(data)};
        return client.call(FwuPartition.HANDLE, in, out).orThrow("psa_fwu function " + function);
    }

    @Override
    public String toString() {
        return "FwuClient[" + client + "]";
    }
}
