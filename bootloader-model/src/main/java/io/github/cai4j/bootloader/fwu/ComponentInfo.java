package io.github.cai4j.bootloader.fwu;

import io.github.cai4j.bootloader.image.ImageVersion;

/**
 * {@code psa_fwu_component_info_t}: state, the error of the last failed update, the version of the active
 * image, the largest image the staging area takes, flags and location.
 */
public record ComponentInfo(FwuState state, int error, ImageVersion version, long maxSize, int flags,
                            long location) {
}
