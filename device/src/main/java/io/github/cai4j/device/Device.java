package io.github.cai4j.device;

import io.github.cai4j.attestation.AttestationConfig;
import io.github.cai4j.attestation.InitialAttestationPartition;
import io.github.cai4j.attestation.SoftwareComponent;
import io.github.cai4j.bootloader.boot.BootConfig;
import io.github.cai4j.bootloader.boot.BootControl;
import io.github.cai4j.bootloader.boot.BootMeasurement;
import io.github.cai4j.bootloader.boot.BootResult;
import io.github.cai4j.bootloader.boot.Bootloader;
import io.github.cai4j.bootloader.boot.FlashLayout;
import io.github.cai4j.bootloader.boot.SlotTrailer;
import io.github.cai4j.bootloader.boot.UpgradeMode;
import io.github.cai4j.bootloader.fwu.FirmwareUpdate;
import io.github.cai4j.bootloader.fwu.FwuPartition;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.crypto.CryptoConfig;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.device.aat.AatPartition;
import io.github.cai4j.huk.AatClaims;
import io.github.cai4j.huk.HukDerivConfig;
import io.github.cai4j.huk.HukDerivPartition;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.service.InferenceServices;
import io.github.cai4j.inference.service.TflmSinePartition;
import io.github.cai4j.inference.service.UtvmSinePartition;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.flash.FaultInjectingFlash;
import io.github.cai4j.psa.flash.FaultMode;
import io.github.cai4j.psa.flash.FileFlash;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashException;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.storage.InternalTrustedStoragePartition;
import io.github.cai4j.storage.ItsKeyPersistence;
import io.github.cai4j.storage.PlatformNvCounters;
import io.github.cai4j.storage.ProtectedStoragePartition;
import io.github.cai4j.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A whole simulated device, booted like the real one: MCUboot verifies and measures the secure, non-secure
 * and model images; the SPM starts the partitions in dependency order (ITS, crypto — which keeps persistent keys
 * sealed in ITS —, PS, HUK derivation, attestation, inference); the non-secure application derives its TLS key and
 * reads the UUID. Non-secure code talks to
 * the secure world only through {@link #nonSecure()}.
 *
 * <p>The flash survives {@link #reboot()} and {@link #powerCut()}: a device configured with a flash directory
 * resumes from it in a later process too.
 */
public final class Device implements AutoCloseable {
    private static final String BL2 = "BL2";

    private final DeviceConfig config;
    private final FlashDevice backing;
    private final FaultInjectingFlash flash;
    private final FlashLayout layout;
    private final RecordingLog log;
    private final BootResult bootResult;
    private Bootloader bootloader;
    private FirmwareUpdate firmwareUpdate;
    private final CallGate gate;
    private final NonSecureWorld nonSecure;
    private final boolean ownsBacking;

    private Device(DeviceConfig config, FlashDevice backing, FaultInjectingFlash flash, boolean ownsBacking)
            throws DeviceException {
        this.config = config;
        this.backing = backing;
        this.ownsBacking = ownsBacking;
        this.flash = flash;
        this.layout = DeviceFlash.bootLayout();
        this.log = new RecordingLog(config.logSink());

        log.info("", "Beginning TF-M provisioning");
        if (config.huk().isDummyProvisioning()) {
            log.warn("", HukSource.DUMMY_PROVISIONING_WARNING);
        }
        this.bootResult = bootImages();
        this.gate = startSecureWorld();
        log.info("", "*** Booting Zephyr OS build cai4j ***");
        try {
            this.nonSecure = NonSecureWorld.start(gate.nonSecureClient(), hukConfig(), log);
        } catch (PsaException e) {
            throw new DeviceException("the non-secure application failed to start: " + e.getMessage(), e);
        }
    }

    /** Boots a device with {@code config}. */
    public static Device boot(DeviceConfig config) throws DeviceException {
        Objects.requireNonNull(config, "config");
        FlashDevice backing;
        boolean owns;
        if (config.flashDirectory().isPresent()) {
            Path dir = config.flashDirectory().get();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new DeviceException("cannot create the flash directory " + dir + ": " + e.getMessage(), e);
            }
            try {
                backing = FileFlash.open(dir.resolve("flash.bin"), DeviceFlash.GEOMETRY);
            } catch (FlashException e) {
                throw new DeviceException(e.getMessage(), e);
            }
            owns = true;
        } else {
            backing = new MemoryFlash(DeviceFlash.GEOMETRY);
            owns = false;
        }
        try {
            return new Device(config, backing, new FaultInjectingFlash(backing), owns);
        } catch (DeviceException | RuntimeException e) {
            closeQuietly(backing, owns);
            throw e;
        }
    }

    /** Boots the embedded demo configuration. */
    public static Device boot() throws DeviceException {
        return boot(DeviceConfig.defaults());
    }

    // ------------------------------------------------------------------ boot stages

    private BootResult bootImages() throws DeviceException {
        BootConfig bootConfig = BootConfig.builder(UpgradeMode.SWAP_SCRATCH, FactoryImages.demoKeyTable()).build();
        try {
            if (isBlank(layout.image(DeviceFlash.IMAGE_SECURE).primary())) {
                programFactoryImages(bootConfig);
            }
            Bootloader bl2 = new Bootloader(flash, layout, bootConfig);
            this.bootloader = bl2;
            BootResult result = bl2.boot();
            for (String line : bl2.log()) {
                log.info(BL2, line);
            }
            if (!result.booted()) {
                throw new DeviceException("MCUboot found no bootable image: " + result.failure().orElse("?"));
            }
            for (BootResult.BootedImage img : result.images()) {
                log.info(BL2, "Image " + img.index() + " (" + img.name() + ") version " + img.version()
                        + " verified, security counter " + img.securityCounter());
            }
            return result;
        } catch (FlashException e) {
            throw new DeviceException("flash failure during boot: " + e.getMessage(), e);
        } catch (ImageException e) {
            throw new DeviceException("cannot sign the factory images: " + e.getMessage(), e);
        }
    }

    private boolean isBlank(io.github.cai4j.bootloader.boot.FlashArea area) throws FlashException {
        byte[] head = flash.read(area.offset(), 32);
        for (byte b : head) {
            if (b != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private void programFactoryImages(BootConfig bootConfig) throws FlashException, ImageException {
        log.info(BL2, "Programming the factory images (secure, non-secure, models) signed with the demo key");
        BootControl control = new BootControl(flash, layout, bootConfig);
        byte[] tflm = config.tflmModel().orElseGet(SineModels::shippedInt8);
        byte[] utvm = config.floatModel().orElseGet(SineModels::shippedFloat);
        control.installPrimary(DeviceFlash.IMAGE_SECURE, FactoryImages.sign(FactoryImages.secureImagePayload(),
                FactoryImages.SECURE_VERSION, true, false, config.random()));
        control.installPrimary(DeviceFlash.IMAGE_NON_SECURE, FactoryImages.sign(
                FactoryImages.nonSecureImagePayload(), FactoryImages.NON_SECURE_VERSION, true, false,
                config.random()));
        control.installPrimary(DeviceFlash.IMAGE_TFLM_MODEL, FactoryImages.sign(tflm, "1.0.0", true, false,
                config.random()));
        control.installPrimary(DeviceFlash.IMAGE_UTVM_MODEL, FactoryImages.sign(utvm, "1.0.0", true, false,
                config.random()));
    }

    private byte[] bootedPayload(int image) throws DeviceException {
        io.github.cai4j.bootloader.boot.FlashArea slot = layout.image(image).primary();
        try {
            return McubootImage.parse(flash.read(slot.offset(), slot.size())).payload();
        } catch (FlashException | ImageException e) {
            throw new DeviceException("cannot read the booted image " + layout.image(image).name() + ": "
                    + e.getMessage(), e);
        }
    }

    private HukDerivConfig hukConfig() {
        HukDerivConfig c = HukDerivConfig.defaults()
                .withProfile(config.profile())
                .withPartitionId(config.hukPartitionId())
                .withLabelExtra(config.labelExtra())
                .withCounterMode(config.nvCounterMode());
        if (config.cloudPublicKey().isPresent()) {
            c = c.withCloudPublicKey(config.cloudPublicKey().get());
        }
        return c;
    }

    private CallGate startSecureWorld() throws DeviceException {
        log.info("Sec Thread", "Secure image initializing!");
        log.info("", "Booting TF-M v" + FactoryImages.SECURE_VERSION + " (" + config.profile() + ")");
        CallGate g = new CallGate(log);
        PlatformNvCounters counters = new PlatformNvCounters(DeviceFlash.nvCounterArea(flash, layout));
        // persistent keys are sealed by the crypto partition and kept in ITS, as TF-M keeps them
        g.register(new CryptoPartition(config.huk(), CryptoConfig.builder().profile(config.profile())
                .random(config.random()).keyPersistence(new ItsKeyPersistence()).build(), log));
        g.register(new ProtectedStoragePartition(
                StorageConfig.builder(DeviceFlash.psArea(flash, layout), counters).profile(config.profile()).build()));
        g.register(new InternalTrustedStoragePartition(
                StorageConfig.builder(DeviceFlash.itsArea(flash, layout), counters).build()));
        byte[] tflmModel = bootedPayload(DeviceFlash.IMAGE_TFLM_MODEL);
        byte[] utvmModel = bootedPayload(DeviceFlash.IMAGE_UTVM_MODEL);
        // The application attestation token names the models that actually booted (their MD5, as the firmware).
        AatClaims aat = new AatClaims(InferenceServices.TFLM_VERSION, InferenceServices.modelVersion(tflmModel),
                InferenceServices.UTVM_VERSION, InferenceServices.modelVersion(utvmModel));
        g.register(new HukDerivPartition(hukConfig(), config.random(), aat,
                config.ecdsaMode() == EcdsaMode.DETERMINISTIC));
        g.register(new InitialAttestationPartition(
                AttestationConfig.builder().derivation(config.profile()).build(),
                bootResult.measurements().stream()
                        .map(m -> new SoftwareComponent(m.type(), m.measurement(), m.version().withoutBuild(),
                                m.signerId(), m.measurementDescription()))
                        .toList()));
        try {
            g.register(new TflmSinePartition(tflmModel));
            g.register(new UtvmSinePartition(utvmModel));
        } catch (ModelException e) {
            throw new DeviceException("the booted model image holds no usable model: " + e.getMessage(), e);
        }
        if (config.profile() == TfmProfile.TFM_1_7) {
            g.register(new AatPartition());
        }
        g.register(new FwuPartition(firmwareUpdate()));
        for (java.util.function.Supplier<io.github.cai4j.psa.spm.SecurePartition> maker : config.customPartitions()) {
            try {
                g.register(maker.get());
            } catch (IllegalArgumentException e) {
                throw new DeviceException("a custom partition could not be registered: " + e.getMessage(), e);
            }
        }
        try {
            g.start();
        } catch (PsaException e) {
            throw new DeviceException("the secure world failed to start: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new DeviceException("the partitions cannot start: " + e.getMessage(), e);
        }
        return g;
    }

    // ------------------------------------------------------------------ what users do with a device

    /** The non-secure side: typed clients that reach the secure world through the gate. */
    public NonSecureWorld nonSecure() {
        return nonSecure;
    }

    public DeviceConfig config() {
        return config;
    }

    /** Every log line since boot, as the firmware prints them. */
    public List<String> logLines() {
        return log.lines();
    }

    /** The live log (a test may clear it or look for lines). */
    public RecordingLog log() {
        return log;
    }

    /** What the bootloader booted. */
    public BootResult bootResult() {
        return bootResult;
    }

    /** Boot measurements of the secure, non-secure and model images (for attestation). */
    public List<BootMeasurement> measurements() {
        return bootResult.measurements();
    }

    /** The device UUID (as the firmware's {@code info uuid}). */
    public String uuid() {
        return nonSecure.uuid();
    }

    /**
     * The PSA Firmware Update API over this device's bootloader, as the secure side holds it (components = image
     * indexes, see {@link DeviceImage}): write a candidate, {@code install()} ({@code SUCCESS_REBOOT}),
     * {@link #reboot()}, then {@code accept()} the image in TRIAL or {@code reject()} it. Non-secure code uses the
     * same API through the gate: {@code nonSecure().firmwareUpdate()}.
     */
    public synchronized FirmwareUpdate firmwareUpdate() throws DeviceException {
        if (firmwareUpdate == null) {
            try {
                firmwareUpdate = new FirmwareUpdate(flash, bootloader);
            } catch (FlashException e) {
                throw new DeviceException("cannot read the slot trailers: " + e.getMessage(), e);
            }
        }
        return firmwareUpdate;
    }

    /** The flash layout of the bootloader slots. */
    public FlashLayout layout() {
        return layout;
    }

    /** State of the given image's slot trailers (for update tooling and tests). */
    public SlotTrailer.State primaryState(int image) throws FlashException {
        BootConfig bootConfig = BootConfig.builder(UpgradeMode.SWAP_SCRATCH, FactoryImages.demoKeyTable()).build();
        return new BootControl(flash, layout, bootConfig).primaryState(image);
    }

    /** The device's flash with its fault injector (arm a cut at a future operation, or cut now). */
    public FaultInjectingFlash flash() {
        return flash;
    }

    /** Arms a fault at the {@code k}-th flash operation from now. */
    public void armPowerCut(long operationsFromNow, FaultMode mode) {
        flash.armFault(flash.operationCount() + operationsFromNow, mode);
    }

    /** Cuts power now: the secure world halts and the flash keeps what was written. */
    public void powerCut() {
        flash.powerOff();
        gate.halt("power lost");
    }

    /** {@code true} after a panic or a power cut: the device answers nothing until rebooted. */
    public boolean isHalted() {
        return gate.isHalted();
    }

    /**
     * Reboots on the same flash (after a power cut, or as a clean reset): a fresh secure world boots from
     * what the flash holds now. Power comes back if it was cut; a fault armed with {@link #armPowerCut} and not
     * yet fired stays armed, so a test can cut the boot itself (the swap of an update). If the boot fails
     * (power lost again, nothing bootable), this device object can be rebooted again.
     */
    public Device reboot() throws DeviceException {
        gate.halt("reboot");
        if (flash.isPoweredOff()) {
            flash.powerOn();
        }
        return new Device(config, backing, flash, ownsBacking);
    }

    @Override
    public void close() {
        gate.halt("device closed");
        closeQuietly(backing, ownsBacking);
    }

    private static void closeQuietly(FlashDevice device, boolean owns) {
        if (owns && device instanceof FileFlash f) {
            try {
                f.close();
            } catch (IOException e) {
                // nothing left to do: the file was written through on every operation
            }
        }
    }

    @Override
    public String toString() {
        return "Device[" + config + ", " + (isHalted() ? "halted" : "running") + "]";
    }
}
