/**
 * The bootloader model ({@code spec/mcuboot-psa.md} A2, A3): a {@link io.github.cai4j.bootloader.boot.FlashLayout}
 * of slots on a flash device, a {@link io.github.cai4j.bootloader.boot.BootConfig},
 * {@link io.github.cai4j.bootloader.boot.Bootloader#boot()} (power-fail safe upgrades, rollback counters,
 * measurements) and {@link io.github.cai4j.bootloader.boot.BootControl} for what the running firmware does.
 */
package io.github.cai4j.bootloader.boot;
