package io.github.cai4j.device;

import io.github.cai4j.bootloader.boot.FlashLayout;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.storage.FlashArea;

/**
 * The device's one NOR flash and how it is shared: the bootloader's slots (secure, non-secure and the two
 * model images, each primary + secondary), its scratch and security-counter areas, then Protected Storage,
 * Internal Trusted Storage and the platform NV counters.
 */
final class DeviceFlash {
    static final int SECTOR_SIZE = 4096;
    static final int SECTOR_COUNT = 96;
    static final int WRITE_GRANULARITY = 8;
    static final FlashGeometry GEOMETRY = new FlashGeometry(SECTOR_SIZE, SECTOR_COUNT, WRITE_GRANULARITY);

    static final int SLOT_SIZE = 32 * 1024;
    static final int IMAGE_SECURE = 0;
    static final int IMAGE_NON_SECURE = 1;
    static final int IMAGE_TFLM_MODEL = 2;
    static final int IMAGE_UTVM_MODEL = 3;

    static final int PS_SECTORS = 16;
    static final int ITS_SECTORS = 8;
    static final int NV_COUNTER_SECTORS = 2;

    private DeviceFlash() {
    }

    static FlashLayout bootLayout() {
        return FlashLayout.builder(GEOMETRY)
                .image("secure", SLOT_SIZE)
                .image("non-secure", SLOT_SIZE)
                .image("tflm-model", SLOT_SIZE)
                .image("utvm-model", SLOT_SIZE)
                .scratch(SECTOR_SIZE)
                .counters(2 * SECTOR_SIZE)
                .build();
    }

    /** First sector after the bootloader's areas. */
    static int firstStorageSector(FlashLayout layout) {
        io.github.cai4j.bootloader.boot.FlashArea counters = layout.counters();
        int end = counters.offset() + counters.size();
        return (end + SECTOR_SIZE - 1) / SECTOR_SIZE;
    }

    static FlashArea psArea(FlashDevice flash, FlashLayout layout) {
        return new FlashArea(flash, firstStorageSector(layout), PS_SECTORS);
    }

    static FlashArea itsArea(FlashDevice flash, FlashLayout layout) {
        return new FlashArea(flash, firstStorageSector(layout) + PS_SECTORS, ITS_SECTORS);
    }

    static FlashArea nvCounterArea(FlashDevice flash, FlashLayout layout) {
        return new FlashArea(flash, firstStorageSector(layout) + PS_SECTORS + ITS_SECTORS, NV_COUNTER_SECTORS);
    }
}
