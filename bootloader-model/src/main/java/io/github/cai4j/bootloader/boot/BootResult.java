package io.github.cai4j.bootloader.boot;

import io.github.cai4j.bootloader.image.ImageVersion;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one boot: either every image validated (then {@link #images()} lists them, with their
 * measurements) or the boot failed and nothing runs ({@link #failure()} says why).
 */
public record BootResult(List<BootedImage> images, Optional<String> failure) {

    /** One image that passed validation in its primary slot. */
    public record BootedImage(int index, String name, ImageVersion version, long securityCounter,
                              SwapType swapPerformed, BootMeasurement measurement) {
    }

    public BootResult {
        images = List.copyOf(images);
    }

    public boolean booted() {
        return failure.isEmpty();
    }

    public List<BootMeasurement> measurements() {
        return images.stream().map(BootedImage::measurement).toList();
    }

    static BootResult failed(String why) {
        return new BootResult(List.of(), Optional.of(why));
    }
}
