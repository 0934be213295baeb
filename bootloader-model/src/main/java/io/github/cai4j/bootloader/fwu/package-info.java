/** The PSA Firmware Update API 1.0 over the bootloader model ({@code spec/mcuboot-psa.md} B8). */
package io.github.cai4j.bootloader.fwu;
