package io.github.cai4j.bootloader.boot;

import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashException;
import io.github.cai4j.psa.flash.FlashGeometry;
import java.util.Arrays;

/**
 * What running firmware (and a flash programmer) does to the slots ({@code bootutil_public.c}):
 * request an upgrade ({@link #setPending}), confirm the running image ({@link #setConfirmed}), read the
 * trailer states, and write images into slots.
 */
public final class BootControl {
    private final FlashDevice flash;
    private final FlashLayout layout;
    private final BootConfig config;

    public BootControl(FlashDevice flash, FlashLayout layout, BootConfig config) {
        this.flash = flash;
        this.layout = layout;
        this.config = config;
    }

    private SlotTrailer trailer(int image) {
        return config.trailer(layout.image(image).primary().size(), flash.geometry().writeGranularity());
    }

    /**
     * {@code boot_set_pending(permanent)}: marks the secondary image for a TEST (or PERM) upgrade at the next
     * boot. Nothing happens if already marked; a corrupt trailer erases the slot and fails with EBADIMAGE.
     */
    public void setPending(int image, boolean permanent) throws FlashException, BootException {
        FlashArea sec = layout.image(image).secondary();
        SlotTrailer t = trailer(image);
        SlotTrailer.State st = t.read(flash, sec);
        switch (st.magic()) {
            case UNSET -> {
                t.writeMagic(flash, sec);
                if (permanent) {
                    t.writeImageOk(flash, sec);
                }
                t.writeSwapInfo(flash, sec, permanent ? SwapType.PERM : SwapType.TEST, 0);
            }
            case GOOD -> {
                // already scheduled
            }
            default -> {
                eraseArea(sec);
                throw new BootException(BootException.EBADIMAGE, "secondary slot of image " + image
                        + " has a corrupt trailer; erased");
            }
        }
    }

    /** {@code boot_set_confirmed()}: makes the running test image permanent. */
    public void setConfirmed(int image) throws FlashException, BootException {
        FlashArea pri = layout.image(image).primary();
        SlotTrailer t = trailer(image);
        SlotTrailer.State st = t.read(flash, pri);
        switch (st.magic()) {
            case GOOD -> {
                if (st.imageOk() == SlotTrailer.Flag.UNSET) {
                    t.writeImageOk(flash, pri);
                } else if (st.imageOk() == SlotTrailer.Flag.BAD) {
                    throw new BootException(BootException.EBADVECT, "primary image_ok of image " + image + " is corrupt");
                }
            }
            case UNSET -> {
                // no trailer: the image is permanent already
            }
            default -> throw new BootException(BootException.EBADVECT, "primary slot of image " + image
                    + " has a corrupt trailer");
        }
    }

    public SlotTrailer.State primaryState(int image) throws FlashException {
        return trailer(image).read(flash, layout.image(image).primary());
    }

    public SlotTrailer.State secondaryState(int image) throws FlashException {
        return trailer(image).read(flash, layout.image(image).secondary());
    }

    /** Erases a whole slot or area, sector by sector. */
    public void eraseArea(FlashArea area) throws FlashException {
        int s = flash.geometry().sectorSize();
        for (int off = 0; off < area.size(); off += s) {
            flash.erase(area.offset() + off, s);
        }
    }

    /**
     * Programs {@code data} at {@code offset} inside {@code area} (the range must be erased; it is padded
     * with the erased value to the write granularity).
     */
    public void program(FlashArea area, int offset, byte[] data) throws FlashException {
        int g = flash.geometry().writeGranularity();
        if (offset < 0 || offset % g != 0 || (long) offset + data.length > area.size()) {
            throw new FlashException(FlashException.Kind.OUT_OF_BOUNDS, "write of " + data.length + " bytes at "
                    + offset + " does not fit " + area.label() + " aligned to " + g);
        }
        int len = (data.length + g - 1) / g * g;
        byte[] buf = Arrays.copyOf(data, len);
        Arrays.fill(buf, data.length, len, FlashGeometry.ERASED);
        flash.program(area.offset() + offset, buf);
    }

    /** Erases a slot and writes an image (as a flash programmer would). */
    public void writeSlot(FlashArea slot, byte[] image) throws FlashException {
        eraseArea(slot);
        program(slot, 0, image);
    }

    /** Writes an image into the primary slot of {@code image} (factory provisioning). */
    public void installPrimary(int image, byte[] signedImage) throws FlashException {
        writeSlot(layout.image(image).primary(), signedImage);
    }

    /** Writes an image into the secondary slot of {@code image} (a download). */
    public void installSecondary(int image, byte[] signedImage) throws FlashException {
        writeSlot(layout.image(image).secondary(), signedImage);
    }
}
