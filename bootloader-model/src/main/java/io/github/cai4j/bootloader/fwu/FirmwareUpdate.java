package io.github.cai4j.bootloader.fwu;

import io.github.cai4j.bootloader.boot.BootControl;
import io.github.cai4j.bootloader.boot.BootException;
import io.github.cai4j.bootloader.boot.Bootloader;
import io.github.cai4j.bootloader.boot.FlashLayout;
import io.github.cai4j.bootloader.boot.SlotTrailer;
import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.ImageHeader;
import io.github.cai4j.bootloader.image.ImageVersion;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashException;
import java.util.Arrays;

/**
 * The PSA Firmware Update API 1.0 over the MCUboot model, as TF-M's MCUboot shim implements it
 * ({@code spec/mcuboot-psa.md} B8): component = image index; staging = the secondary slot (erased on
 * {@link #start}); {@link #install()} checks the candidates and marks them for a TEST swap, returning
 * {@link PsaStatus#SUCCESS_REBOOT}; after the reboot a swapped image is in TRIAL until {@link #accept()}
 * confirms it or {@link #reject(int)} lets the next boot revert it. Staging is volatile: a new instance
 * (= after a reboot) derives every state from the trailers. Errors are {@link PsaException}s with the exact
 * status; a refused call changes no state.
 */
public final class FirmwareUpdate {
    public static final int FLAG_VOLATILE_STAGING = 0x1;
    public static final int FLAG_ENCRYPTION = 0x2;
    /** {@code PSA_FWU_MAX_WRITE_SIZE}. */
    public static final int MAX_WRITE_SIZE = 4096;

    private final FlashDevice flash;
    private final Bootloader bootloader;
    private final FlashLayout layout;
    private final BootControl control;
    private final FwuState[] states;
    private final int[] errors;
    private boolean rebootRequested;

    /** The service after a (re)boot of the device whose bootloader is {@code bootloader}. */
    public FirmwareUpdate(FlashDevice flash, Bootloader bootloader) throws FlashException {
        this.flash = flash;
        this.bootloader = bootloader;
        this.layout = bootloader.layout();
        this.control = new BootControl(flash, layout, bootloader.config());
        int n = layout.images().size();
        this.states = new FwuState[n];
        this.errors = new int[n];
        for (int i = 0; i < n; i++) {
            states[i] = inTrial(i) ? FwuState.TRIAL : FwuState.READY;
        }
    }

    private boolean inTrial(int comp) throws FlashException {
        SlotTrailer.State pri = control.primaryState(comp);
        return pri.magic() == SlotTrailer.Magic.GOOD && pri.imageOk() == SlotTrailer.Flag.UNSET;
    }

    /** {@code PSA_FWU_LOG2_WRITE_ALIGN}: writes start at multiples of the flash write granularity. */
    public int log2WriteAlign() {
        return Integer.numberOfTrailingZeros(flash.geometry().writeGranularity());
    }

    private void check(int comp) throws PsaException {
        if (comp < 0 || comp >= states.length) {
            throw new PsaException(PsaStatus.ERROR_DOES_NOT_EXIST, "no firmware component " + comp);
        }
    }

    private static PsaException badState(int comp, FwuState s, String op) {
        return new PsaException(PsaStatus.ERROR_BAD_STATE, op + " is not allowed for component " + comp
                + " in state " + s);
    }

    private static PsaException storage(FlashException e) {
        return new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, "flash: " + e.getMessage(), e);
    }

    /** {@code psa_fwu_query}. */
    public ComponentInfo query(int comp) throws PsaException {
        check(comp);
        try {
            ImageVersion v = new ImageVersion(0, 0, 0, 0);
            byte[] hdr = flash.read(layout.image(comp).primary().offset(), ImageHeader.SIZE);
            ImageHeader h = ImageHeader.decode(hdr);
            if (h.magic() == ImageHeader.IMAGE_MAGIC) {
                v = h.version();
            }
            int flags = FLAG_VOLATILE_STAGING
                    | (bootloader.config().encryptionKey().isPresent() ? FLAG_ENCRYPTION : 0);
            return new ComponentInfo(states[comp], errors[comp], v, bootloader.maxImageSize(comp), flags,
                    layout.image(comp).secondary().offset());
        } catch (FlashException e) {
            throw storage(e);
        } catch (ImageException e) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, e.getMessage());
        }
    }

    /** {@code psa_fwu_start}: erases the staging slot; a detached manifest is refused (MCUboot bundles it). */
    public void start(int comp, byte[] manifest) throws PsaException {
        check(comp);
        if (states[comp] != FwuState.READY) {
            throw badState(comp, states[comp], "start");
        }
        for (FwuState s : states) {
            if (s == FwuState.TRIAL || s == FwuState.STAGED || s == FwuState.REJECTED) {
                throw new PsaException(PsaStatus.ERROR_BAD_STATE,
                        "the running image must be confirmed before a new update starts");
            }
        }
        if (manifest != null && manifest.length > 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT,
                    "detached manifests are not supported: MCUboot images carry their manifest");
        }
        try {
            control.eraseArea(layout.image(comp).secondary());
        } catch (FlashException e) {
            throw storage(e);
        }
        states[comp] = FwuState.WRITING;
    }

    /** {@code psa_fwu_write}: programs a block of the candidate at {@code offset}. */
    public void write(int comp, long offset, byte[] block) throws PsaException {
        check(comp);
        if (states[comp] != FwuState.WRITING) {
            throw badState(comp, states[comp], "write");
        }
        int align = 1 << log2WriteAlign();
        if (block.length == 0 || block.length > MAX_WRITE_SIZE || offset < 0 || offset % align != 0
                || offset + block.length > bootloader.maxImageSize(comp)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "write of " + block.length + " bytes at "
                    + offset + " is not allowed (alignment " + align + ", store " + bootloader.maxImageSize(comp)
                    + " bytes, at most " + MAX_WRITE_SIZE + " per write)");
        }
        try {
            control.program(layout.image(comp).secondary(), (int) offset, block);
        } catch (FlashException e) {
            throw storage(e);
        }
    }

    /** {@code psa_fwu_finish}: WRITING becomes CANDIDATE. */
    public void finish(int comp) throws PsaException {
        check(comp);
        if (states[comp] != FwuState.WRITING) {
            throw badState(comp, states[comp], "finish");
        }
        states[comp] = FwuState.CANDIDATE;
    }

    /** {@code psa_fwu_cancel}: WRITING or CANDIDATE becomes FAILED. */
    public void cancel(int comp) throws PsaException {
        check(comp);
        if (states[comp] != FwuState.WRITING && states[comp] != FwuState.CANDIDATE) {
            throw badState(comp, states[comp], "cancel");
        }
        states[comp] = FwuState.FAILED;
        errors[comp] = PsaStatus.SUCCESS.value();
    }

    /** {@code psa_fwu_clean}: FAILED or UPDATED becomes READY; the staging slot is erased. */
    public void clean(int comp) throws PsaException {
        check(comp);
        if (states[comp] != FwuState.FAILED && states[comp] != FwuState.UPDATED) {
            throw badState(comp, states[comp], "clean");
        }
        try {
            if (states[comp] == FwuState.FAILED) {
                control.eraseArea(layout.image(comp).secondary());
            }
        } catch (FlashException e) {
            throw storage(e);
        }
        states[comp] = FwuState.READY;
    }

    /**
     * {@code psa_fwu_install}: every CANDIDATE is checked (image header, dependencies) and marked for a TEST
     * swap; they become STAGED and the result is {@link PsaStatus#SUCCESS_REBOOT}.
     */
    public PsaStatus install() throws PsaException {
        boolean any = false;
        for (FwuState s : states) {
            if (s == FwuState.STAGED || s == FwuState.TRIAL || s == FwuState.REJECTED) {
                throw new PsaException(PsaStatus.ERROR_BAD_STATE, "an installation is already in progress");
            }
            any |= s == FwuState.CANDIDATE;
        }
        if (!any) {
            throw new PsaException(PsaStatus.ERROR_BAD_STATE, "no candidate to install");
        }
        try {
            McubootImage[] candidates = new McubootImage[states.length];
            for (int i = 0; i < states.length; i++) {
                if (states[i] != FwuState.CANDIDATE) {
                    continue;
                }
                FlashLayout.ImageSlots s = layout.image(i);
                try {
                    candidates[i] = McubootImage.parse(flash.read(s.secondary().offset(), bootloader.maxImageSize(i)));
                } catch (ImageException e) {
                    states[i] = FwuState.FAILED;
                    errors[i] = PsaStatus.ERROR_DATA_CORRUPT.value();
                    throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, "candidate of component " + i + ": "
                            + e.getMessage());
                }
            }
            for (int i = 0; i < states.length; i++) {
                if (candidates[i] == null) {
                    continue;
                }
                for (Dependency d : candidates[i].dependencies()) {
                    if (d.imageId() >= states.length) {
                        throw new PsaException(PsaStatus.ERROR_DEPENDENCY_NEEDED, "component " + i
                                + " depends on unknown component " + d.imageId());
                    }
                    ImageVersion v = candidates[d.imageId()] != null ? candidates[d.imageId()].header().version()
                            : query(d.imageId()).version();
                    if (v.compareTo(d.minimumVersion()) < 0) {
                        throw new PsaException(PsaStatus.ERROR_DEPENDENCY_NEEDED, "component " + i + " needs "
                                + "component " + d.imageId() + " at " + d.minimumVersion() + " (is " + v + ")");
                    }
                }
            }
            for (int i = 0; i < states.length; i++) {
                if (candidates[i] != null) {
                    control.setPending(i, false);
                    states[i] = FwuState.STAGED;
                }
            }
        } catch (FlashException e) {
            throw storage(e);
        } catch (BootException | ImageException e) {
            throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, e.getMessage());
        }
        return PsaStatus.SUCCESS_REBOOT;
    }

    /** {@code psa_fwu_request_reboot}: the device should reboot (see {@link #rebootRequested()}). */
    public void requestReboot() {
        rebootRequested = true;
    }

    public boolean rebootRequested() {
        return rebootRequested;
    }

    /** {@code psa_fwu_accept}: every TRIAL component is confirmed and becomes UPDATED. */
    public void accept() throws PsaException {
        boolean any = false;
        try {
            for (int i = 0; i < states.length; i++) {
                if (states[i] == FwuState.TRIAL) {
                    control.setConfirmed(i);
                    states[i] = FwuState.UPDATED;
                    any = true;
                }
            }
        } catch (FlashException e) {
            throw storage(e);
        } catch (BootException e) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, e.getMessage());
        }
        if (!any) {
            throw new PsaException(PsaStatus.ERROR_BAD_STATE, "no component is in TRIAL");
        }
    }

    /**
     * {@code psa_fwu_reject}: STAGED components become FAILED (the staged request is erased, result
     * SUCCESS); TRIAL components become REJECTED and the result is SUCCESS_REBOOT: the next boot reverts them.
     */
    public PsaStatus reject(int error) throws PsaException {
        boolean trial = false;
        boolean staged = false;
        try {
            for (int i = 0; i < states.length; i++) {
                if (states[i] == FwuState.TRIAL) {
                    states[i] = FwuState.REJECTED;
                    errors[i] = error;
                    trial = true;
                } else if (states[i] == FwuState.STAGED) {
                    control.eraseArea(layout.image(i).secondary());
                    states[i] = FwuState.FAILED;
                    errors[i] = error;
                    staged = true;
                }
            }
        } catch (FlashException e) {
            throw storage(e);
        }
        if (trial) {
            return PsaStatus.SUCCESS_REBOOT;
        }
        if (staged) {
            return PsaStatus.SUCCESS;
        }
        throw new PsaException(PsaStatus.ERROR_BAD_STATE, "nothing is STAGED or in TRIAL");
    }

    @Override
    public String toString() {
        return "FirmwareUpdate" + Arrays.toString(states);
    }
}
