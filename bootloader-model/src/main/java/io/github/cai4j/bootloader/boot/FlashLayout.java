package io.github.cai4j.bootloader.boot;

import io.github.cai4j.psa.flash.FlashGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the bootloader's areas sit on one flash device: a primary and a secondary slot per image (image 0,
 * 1, ... e.g. secure, non-secure, model), the scratch area for swap-scratch and the area holding the
 * security counters. All areas are sector aligned and disjoint.
 */
public final class FlashLayout {
    /** The two slots of one image. */
    public record ImageSlots(int index, String name, FlashArea primary, FlashArea secondary) {
    }

    private final FlashGeometry geometry;
    private final List<ImageSlots> images;
    private final FlashArea scratch;
    private final FlashArea counters;

    private FlashLayout(FlashGeometry geometry, List<ImageSlots> images, FlashArea scratch, FlashArea counters) {
        this.geometry = geometry;
        this.images = List.copyOf(images);
        this.scratch = scratch;
        this.counters = counters;
    }

    public static Builder builder(FlashGeometry geometry) {
        return new Builder(geometry);
    }

    public FlashGeometry geometry() {
        return geometry;
    }

    public List<ImageSlots> images() {
        return images;
    }

    public ImageSlots image(int index) {
        if (index < 0 || index >= images.size()) {
            throw new IllegalArgumentException("no image " + index + " in the layout");
        }
        return images.get(index);
    }

    public Optional<FlashArea> scratch() {
        return Optional.ofNullable(scratch);
    }

    public FlashArea counters() {
        return counters;
    }

    @Override
    public String toString() {
        return "FlashLayout" + images + (scratch == null ? "" : ", " + scratch) + ", " + counters;
    }

    /**
     * Allocates areas one after the other from offset 0 (or at explicit offsets); sizes are rounded up to
     * whole sectors.
     */
    public static final class Builder {
        private final FlashGeometry geometry;
        private final List<ImageSlots> images = new ArrayList<>();
        private FlashArea scratch;
        private FlashArea counters;
        private int next;

        private Builder(FlashGeometry geometry) {
            this.geometry = geometry;
        }

        private FlashArea take(String label, int size) {
            int s = geometry.sectorSize();
            int rounded = (size + s - 1) / s * s;
            FlashArea a = new FlashArea(label, next, rounded);
            next += rounded;
            return a;
        }

        /** Adds image {@code images().size()} with two slots of {@code slotSize} bytes each. */
        public Builder image(String name, int slotSize) {
            int idx = images.size();
            images.add(new ImageSlots(idx, name, take(name + "-primary", slotSize), take(name + "-secondary", slotSize)));
            return this;
        }

        /** Adds an image at explicit slot offsets. */
        public Builder image(String name, int primaryOffset, int secondaryOffset, int slotSize) {
            images.add(new ImageSlots(images.size(), name, new FlashArea(name + "-primary", primaryOffset, slotSize),
                    new FlashArea(name + "-secondary", secondaryOffset, slotSize)));
            next = Math.max(next, Math.max(primaryOffset, secondaryOffset) + slotSize);
            return this;
        }

        public Builder scratch(int size) {
            this.scratch = take("scratch", size);
            return this;
        }

        /** The security counter area (at least two sectors). */
        public Builder counters(int size) {
            this.counters = take("counters", Math.max(size, 2 * geometry.sectorSize()));
            return this;
        }

        public FlashLayout build() {
            if (images.isEmpty()) {
                throw new IllegalArgumentException("a layout needs at least one image");
            }
            if (counters == null) {
                counters(2 * geometry.sectorSize());
            }
            List<FlashArea> all = new ArrayList<>();
            for (ImageSlots i : images) {
                all.add(i.primary());
                all.add(i.secondary());
            }
            if (scratch != null) {
                all.add(scratch);
            }
            all.add(counters);
            for (FlashArea a : all) {
                if (a.offset() % geometry.sectorSize() != 0 || a.size() % geometry.sectorSize() != 0) {
                    throw new IllegalArgumentException(a + " is not sector aligned");
                }
                if (a.end() > geometry.size()) {
                    throw new IllegalArgumentException(a + " runs past the " + geometry.size() + "-byte flash");
                }
                for (FlashArea b : all) {
                    if (a != b && a.overlaps(b)) {
                        throw new IllegalArgumentException(a + " overlaps " + b);
                    }
                }
            }
            return new FlashLayout(geometry, images, scratch, counters);
        }
    }
}
