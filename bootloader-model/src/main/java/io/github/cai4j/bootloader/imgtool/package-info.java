/**
 * imgtool-compatible image creation: {@link io.github.cai4j.bootloader.imgtool.SignOptions} (imgtool's flags),
 * {@link io.github.cai4j.bootloader.imgtool.ImageSigner} (byte-identical layout, one-step external signing,
 * {@code --vector-to-sign}/{@code --fix-sig}), {@link io.github.cai4j.bootloader.imgtool.KeyFiles} (PEM keys)
 * and {@link io.github.cai4j.bootloader.imgtool.DumpInfo}.
 */
package io.github.cai4j.bootloader.imgtool;
