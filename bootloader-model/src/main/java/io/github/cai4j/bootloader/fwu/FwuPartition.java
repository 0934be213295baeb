package io.github.cai4j.bootloader.fwu;

import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * TF-M's Firmware Update partition ({@code TFM_SP_FWU}, SID 0xA0, stateless index 5 → handle 0x40000104,
 * version 1 STRICT, non-secure callers allowed; {@code spec/mcuboot-psa.md} B8, B9) over a {@link FirmwareUpdate}.
 *
 * <p>Request layout (little-endian), shared with {@link FwuClient}: in[0] = {@code u32 function, u32 component,
 * u64 argument} (the write offset, or the error of a reject); in[1] = the block of a write (absent otherwise).
 * {@link #QUERY} writes the component information to out[0] ({@value #INFO_SIZE} bytes: u8 state, u8 0, u16 0,
 * i32 error, u8 major, u8 minor, u16 revision, u32 build, u64 max size, u32 flags, u64 location). The call's status
 * is the API's status ({@code PSA_SUCCESS_REBOOT} from install, the exact errors otherwise).
 */
public final class FwuPartition implements SecurePartition {
    public static final int PARTITION_ID = 0x10e;
    public static final int SID = 0xA0;
    public static final int STATELESS_INDEX = 5;
    public static final int HANDLE = Psa.statelessHandle(1, STATELESS_INDEX);

    public static final int QUERY = 1;
    public static final int START = 2;
    public static final int WRITE = 3;
    public static final int FINISH = 4;
    public static final int CANCEL = 5;
    public static final int CLEAN = 6;
    public static final int INSTALL = 7;
    public static final int REQUEST_REBOOT = 8;
    public static final int ACCEPT = 9;
    public static final int REJECT = 10;

    static final int HEADER_SIZE = 16;
    static final int INFO_SIZE = 40;

    private final FirmwareUpdate fwu;

    public FwuPartition(FirmwareUpdate fwu) {
        this.fwu = Objects.requireNonNull(fwu, "fwu");
    }

    @Override
    public PartitionManifest manifest() {
        return PartitionManifest.builder("TFM_SP_FWU", PARTITION_ID)
                .service(ServiceManifest.stateless("TFM_FIRMWARE_UPDATE_SERVICE", SID, true, STATELESS_INDEX))
                .build();
    }

    @Override
    public int handle(Message m) throws PsaException {
        if (m.type() != Psa.IPC_CALL || m.inCount() < 1 || m.inSize(0) != HEADER_SIZE || m.inCount() > 2) {
            return PsaStatus.ERROR_PROGRAMMER_ERROR.value();
        }
        ByteBuffer h = ByteBuffer.wrap(m.input(0)).order(ByteOrder.LITTLE_ENDIAN);
        int function = h.getInt();
        int comp = h.getInt();
        long argument = h.getLong();
        switch (function) {
            case QUERY -> {
                if (m.outCount() != 1 || m.outCapacity(0) < INFO_SIZE) {
                    return PsaStatus.ERROR_BUFFER_TOO_SMALL.value();
                }
                m.write(0, encode(fwu.query(comp)));
                return PsaStatus.SUCCESS.value();
            }
            case START -> fwu.start(comp, m.inCount() == 2 ? m.input(1) : null);
            case WRITE -> {
                if (m.inCount() != 2) {
                    return PsaStatus.ERROR_INVALID_ARGUMENT.value();
                }
                fwu.write(comp, argument, m.input(1));
            }
            case FINISH -> fwu.finish(comp);
            case CANCEL -> fwu.cancel(comp);
            case CLEAN -> fwu.clean(comp);
            case INSTALL -> {
                return fwu.install().value();
            }
            case REQUEST_REBOOT -> fwu.requestReboot();
            case ACCEPT -> fwu.accept();
            case REJECT -> {
                return fwu.reject((int) argument).value();
            }
            default -> {
                return PsaStatus.ERROR_NOT_SUPPORTED.value();
            }
        }
        return PsaStatus.SUCCESS.value();
    }

    static byte[] encode(ComponentInfo info) {
        ByteBuffer b = ByteBuffer.allocate(INFO_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) info.state().value()).put((byte) 0).putShort((short) 0).putInt(info.error());
        b.put((byte) info.version().major()).put((byte) info.version().minor())
                .putShort((short) info.version().revision()).putInt((int) info.version().build());
        b.putLong(info.maxSize()).putInt(info.flags()).putLong(info.location());
        return b.array();
    }

    @Override
    public String toString() {
        return "FwuPartition[" + fwu + "]";
    }
}
