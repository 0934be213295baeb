/**
 * The MCUboot image format ({@code spec/mcuboot-psa.md} A1, A4): {@link io.github.cai4j.bootloader.image.McubootImage}
 * parses header and TLV areas (any malformed input is an {@link io.github.cai4j.bootloader.image.ImageException}
 * naming the offset), {@link io.github.cai4j.bootloader.image.ImageVerifier} checks digest and signatures
 * against a {@link io.github.cai4j.bootloader.image.KeyTable}, {@link io.github.cai4j.bootloader.image.ImageEncryption}
 * handles ECIES-P256 and AES-CTR.
 */
package io.github.cai4j.bootloader.image;
