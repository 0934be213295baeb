package io.github.cai4j.storage.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.flash.FlashGeometry;
import io.github.cai4j.psa.flash.MemoryFlash;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.storage.FlashArea;
import io.github.cai4j.storage.PlatformNvCounters;
import io.github.cai4j.storage.StorageConfig;
import io.github.cai4j.storage.StorageService;
import java.util.Arrays;

/**
 * Fuzzes what faces untrusted bytes: the storage request decoder (the non-secure side's vectors) and mounting
 * an arbitrary flash image (counters and both banks). The only failure allowed is a {@link PsaException}.
 */
class StorageFuzzTest {
    private static final FlashGeometry GEOMETRY = new FlashGeometry(512, 4, 8);

    @FuzzTest(maxDuration = "30s")
    void decodeRequest(FuzzedDataProvider data) {
        StorageService service = data.consumeBoolean() ? StorageService.PROTECTED_STORAGE
                : StorageService.INTERNAL_TRUSTED_STORAGE;
        int type = data.consumeBoolean() ? 1000 + data.consumeInt(0, 8) : data.consumeInt();
        int ins = data.consumeInt(0, 4);
        int outs = data.consumeInt(0, 4 - ins);
        byte[][] in = new byte[ins][];
        for (int i = 0; i < ins; i++) {
            in[i] = data.consumeBytes(data.consumeInt(0, 16));
        }
        int[] out = new int[outs];
        for (int i = 0; i < outs; i++) {
            out[i] = data.consumeInt(0, 4096);
        }
        try {
            StorageRequest r = StorageRequestCodec.decode(service, type, in, out);
            if (r == null) {
                throw new AssertionError("null request");
            }
        } catch (PsaException expected) {
            // the documented outcome for a malformed call
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mountArbitraryImage(byte[] input) {
        byte[] image = Arrays.copyOf(input, GEOMETRY.size());
        if (input.length < image.length) {
            Arrays.fill(image, input.length, image.length, (byte) 0xff);
        }
        for (boolean ps : new boolean[] {true, false}) {
            MemoryFlash flash = MemoryFlash.ofImage(GEOMETRY, image);
            PlatformNvCounters counters = new PlatformNvCounters(new FlashArea(flash, 0, 2));
            StorageConfig config = StorageConfig.builder(new FlashArea(flash, 2, 2), counters).maxObjects(4)
                    .maxObjectSize(64).setExtendedSupported(true).build();
            ObjectProtection protection = ps ? new PsObjectProtection(new TestCipher(), 0x100)
                    : new ItsObjectProtection();
            ObjectStore store = new ObjectStore(config, protection, ps ? 0 : 2, ps ? 1 : 3, PlatformLog.discard());
            try {
                store.mount();
                for (long uid = 1; uid < 4; uid++) {
                    try {
                        store.get(-1, uid, 0, 64);
                    } catch (PsaException e) {
                        // absent or refused
                    }
                }
                store.set(-1, 1, new byte[] {1, 2, 3}, 0);
            } catch (PsaException expected) {
                // refused image or storage failure
            }
        }
    }

    /** AES-GCM on the JDK with a fixed key: enough to exercise the table and object checks. */
    private static final class TestCipher implements ObjectCipher {
        private byte[] run(int mode, byte[] iv, byte[] aad, byte[] in) throws PsaException {
            try {
                javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
                c.init(mode, new javax.crypto.spec.SecretKeySpec(new byte[16], "AES"),
                        new javax.crypto.spec.GCMParameterSpec(128, iv));
                c.updateAAD(aad);
                return c.doFinal(in);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new PsaException(io.github.cai4j.psa.PsaStatus.ERROR_INVALID_SIGNATURE, "tag");
            } catch (java.security.GeneralSecurityException e) {
                throw new PsaException(io.github.cai4j.psa.PsaStatus.ERROR_GENERIC_ERROR, e.toString());
            }
        }

        @Override
        public byte[] seal(byte[] label, byte[] iv, byte[] aad, byte[] plaintext) throws PsaException {
            return run(javax.crypto.Cipher.ENCRYPT_MODE, iv, aad, plaintext);
        }

        @Override
        public byte[] open(byte[] label, byte[] iv, byte[] aad, byte[] sealed) throws PsaException {
            return run(javax.crypto.Cipher.DECRYPT_MODE, iv, aad, sealed);
        }
    }
}
