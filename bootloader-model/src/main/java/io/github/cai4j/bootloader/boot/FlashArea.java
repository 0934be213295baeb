package io.github.cai4j.bootloader.boot;

/** A sector-aligned region of the flash device ({@code flash_area}): a slot, the scratch area, counters. */
public record FlashArea(String label, int offset, int size) {
    public FlashArea {
        if (offset < 0 || size <= 0) {
            throw new IllegalArgumentException("flash area " + label + " has a bad range");
        }
    }

    public int end() {
        return offset + size;
    }

    public boolean overlaps(FlashArea o) {
        return offset < o.end() && o.offset < end();
    }
}
