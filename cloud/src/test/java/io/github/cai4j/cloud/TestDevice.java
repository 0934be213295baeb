package io.github.cai4j.cloud;

import io.github.cai4j.crypto.CryptoConfig;
import io.github.cai4j.crypto.CryptoPartition;
import io.github.cai4j.huk.DeviceKeys;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.huk.HukDerivConfig;
import io.github.cai4j.huk.HukDerivPartition;
import io.github.cai4j.inference.service.InferenceClient;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.inference.service.TflmSinePartition;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.RecordingLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.storage.FlashArea;
import io.github.cai4j.storage.PlatformNvCounters;
import io.github.cai4j.storage.ProtectedStorage;
import io.github.cai4j.storage.ProtectedStoragePartition;
import io.github.cai4j.storage.StorageConfig;

/**
 * A device assembled from the real partitions (crypto, protected storage, HUK derivation, TFLM inference) behind a
 * call gate, with the non-secure application's key management on top: what {@code Device.boot} builds, without the
 * bootloader.
 */
final class TestDevice implements AutoCloseable {
    final CallGate gate;
    final RecordingLog log = new RecordingLog();
    final DeviceKeys keys;
    final ProtectedStorage ps;
    final String uuid;

    private TestDevice(byte[] huk, java.security.interfaces.ECPublicKey cloudKey) throws Exception {
        HukDerivConfig config = cloudKey == null ? HukDerivConfig.defaults()
                : HukDerivConfig.defaults().withCloudPublicKey(cloudKey);
        MemoryFlash flash = new MemoryFlash(new FlashGeometry(4096, 6, 4));
        gate = new CallGate(log);
        gate.register(new CryptoPartition(HukSource.of(huk), CryptoConfig.builder().profile(config.profile()).build(),
                log));
        PlatformNvCounters counters = new PlatformNvCounters(new FlashArea(flash, 0, 2));
        gate.register(new ProtectedStoragePartition(
                StorageConfig.builder(new FlashArea(flash, 2, 4), counters).maxObjects(16).build()));
        gate.register(new HukDerivPartition(config));
        gate.register(new TflmSinePartition());
        gate.start();
        keys = DeviceKeys.initialise(ns(), config, log);
        ps = new ProtectedStorage(ns());
        uuid = keys.uuid().value();
    }

    /** A device whose HUK is 32 bytes of {@code fill}. */
    static TestDevice boot(int fill) throws Exception {
        byte[] huk = new byte[32];
        java.util.Arrays.fill(huk, (byte) fill);
        return new TestDevice(huk, null);
    }

    /** A device whose HUK is 32 bytes of {@code fill}, configured with the cloud's flow encryption key. */
    static TestDevice boot(int fill, java.security.interfaces.ECPublicKey cloudKey) throws Exception {
        byte[] huk = new byte[32];
        java.util.Arrays.fill(huk, (byte) fill);
        return new TestDevice(huk, cloudKey);
    }

    /** The value a SIGN1 inference at {@code degrees} carries (the model is deterministic). */
    float signedResultValue(float degrees) throws Exception {
        return io.github.cai4j.cose.firmware.FirmwarePayload.decode(io.github.cai4j.cose.firmware.FirmwareSign1
                .decodeStrict(signedResult(degrees)).payload().orElseThrow()).value();
    }

    /** One encrypted result (the flow scheme's COSE_Encrypt0; the first of a boot carries the session key). */
    byte[] encryptedResult(float degrees) throws io.github.cai4j.psa.PsaException {
        return new InferenceClient(ns()).inferRaw(SineModel.TFLM_SINE.sid(), EncodingFormat.COSE_ENCRYPT0.value(),
                SineModel.TFLM_SINE.modelName(), InferenceClient.radians(degrees), 1024);
    }

    PsaClient ns() {
        return gate.nonSecureClient();
    }

    /** One inference result signed by the device's COSE key 0x5002 (COSE_Sign1 with the NV counters). */
    byte[] signedResult(float degrees) throws io.github.cai4j.psa.PsaException {
        return new InferenceClient(ns()).inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, degrees)
                .encoded();
    }

    @Override
    public void close() {
        gate.halt("test done");
    }
}
