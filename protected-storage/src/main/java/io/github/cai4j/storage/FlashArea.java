package io.github.cai4j.storage;

import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashGeometry;
import java.util.Objects;

/**
 * A run of whole sectors of a flash device that one store owns.
 *
 * @param device      the flash device
 * @param firstSector index of the first sector of the area
 * @param sectorCount number of sectors
 */
public record FlashArea(FlashDevice device, int firstSector, int sectorCount) {

    public FlashArea {
        Objects.requireNonNull(device, "device");
        FlashGeometry g = device.geometry();
        if (firstSector < 0 || sectorCount <= 0 || (long) firstSector + sectorCount > g.sectorCount()) {
            throw new IllegalArgumentException("flash area of " + sectorCount + " sectors at sector " + firstSector
                    + " does not fit the " + g.sectorCount() + "-sector device");
        }
    }

    /** Byte address of the area's start. */
    public int address() {
        return firstSector * device.geometry().sectorSize();
    }

    /** Size of the area in bytes. */
    public int size() {
        return sectorCount * device.geometry().sectorSize();
    }

    /** The device's sector size. */
    public int sectorSize() {
        return device.geometry().sectorSize();
    }

    /** The device's write granularity. */
    public int writeGranularity() {
        return device.geometry().writeGranularity();
    }

    /** {@code true} if this area and {@code other} share a sector of the same device. */
    public boolean overlaps(FlashArea other) {
        return device == other.device && firstSector < other.firstSector + other.sectorCount
                && other.firstSector < firstSector + sectorCount;
    }

    @Override
    public String toString() {
        return "FlashArea[sectors " + firstSector + ".." + (firstSector + sectorCount - 1) + "]";
    }
}
