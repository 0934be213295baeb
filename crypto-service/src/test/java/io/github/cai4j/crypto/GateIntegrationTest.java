package io.github.cai4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.internal.CryptoWire;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.spm.CallGate;
import io.github.cai4j.psa.spm.Message;
import io.github.cai4j.psa.spm.PartitionContext;
import io.github.cai4j.psa.spm.PartitionManifest;
import io.github.cai4j.psa.spm.SecurePartition;
import io.github.cai4j.psa.spm.ServiceManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The crypto service on the call gate: its manifest, malformed requests from each world, concurrency. */
class GateIntegrationTest {

    @Test
    void manifestAsTfm() throws PsaException {
        CryptoFixture device = CryptoFixture.boot();
        assertEquals(0x40000100, CryptoPartition.HANDLE);
        assertEquals(0x80, CryptoPartition.SID);
        assertEquals(1, device.gate.nonSecureClient().version(CryptoPartition.SID));
        assertTrue(device.partition.manifest().services().get(0).nonSecureClients());
        assertEquals(TfmProfile.TFM_1_7, TfmProfile.defaultProfile());
        assertEquals(TfmProfile.TFM_1_7, device.partition.profile());
    }

    @Test
    void malformedRequestsAreProgrammerErrorsForTheNonSecureWorld() throws PsaException {
        CryptoFixture device = CryptoFixture.boot();
        PsaClient ns = device.gate.nonSecureClient();
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), ns.call(CryptoPartition.HANDLE,
                new InVec[] {InVec.of(new byte[3])}, new OutVec[0]).status());
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), ns.call(CryptoPartition.HANDLE, new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.SIGN_HASH, 1, 0, 0, 0, 0))}, new OutVec[0]).status());
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), ns.call(CryptoPartition.HANDLE, new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.KDF_SETUP, 0, PsaAlgorithm.HKDF_SHA_256, 0, 0, 0))},
                new OutVec[] {OutVec.allocate(2)}).status());
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), ns.call(CryptoPartition.HANDLE, 7, new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.DESTROY_KEY, 0, 0, 0, 0, 0))}, new OutVec[0]).status());
        assertEquals(PsaStatus.ERROR_NOT_SUPPORTED.value(), ns.call(CryptoPartition.HANDLE, new InVec[] {
            InVec.of(CryptoWire.header(0x7777, 0, 0, 0, 0, 0))}, new OutVec[0]).status());
        assertFalse(device.gate.isHalted());
        assertEquals(32, device.ns.generateRandom(32).length);
        assertEquals(Psa.DEFAULT_NS_CLIENT_ID, device.ns.clientId());
    }

    /** A partition whose one NS-callable service forwards in[0] to the crypto service as a raw request. */
    static final class RelayPartition implements SecurePartition {
        static final int SID = 0x4c690101;
        PartitionContext context;

        @Override
        public PartitionManifest manifest() {
            return PartitionManifest.builder("RELAY", 0x4c690100)
                    .service(ServiceManifest.stateless("RELAY_SERVICE", SID, true, 7))
                    .dependsOn(CryptoPartition.SID).build();
        }

        @Override
        public void init(PartitionContext ctx) {
            context = ctx;
        }

        @Override
        public int handle(Message m) throws PsaException {
            return context.client().call(CryptoPartition.HANDLE, new InVec[] {InVec.of(m.input(0))},
                    new OutVec[0]).status();
        }
    }

    @Test
    void aMalformedRequestFromAPartitionPanicsTheDevice() throws PsaException {
        CallGate gate = new CallGate(PlatformLog.discard());
        gate.register(new CryptoPartition(HukSource.dummy()));
        gate.register(new RelayPartition());
        gate.start();
        PsaClient ns = gate.nonSecureClient();
        int relay = Psa.statelessHandle(1, 7);
        // a well-formed failing request is an ordinary status for a partition
        CallResult r = ns.call(relay, new InVec[] {InVec.of(CryptoWire.header(CryptoWire.DESTROY_KEY, 0x1234, 0, 0,
                0, 0))}, new OutVec[0]);
        assertEquals(PsaStatus.ERROR_INVALID_HANDLE.value(), r.status());
        assertFalse(gate.isHalted());
        // a malformed one is a programmer error of the partition: TF-M panics
        assertThrows(DeviceHaltedException.class, () -> ns.call(relay, new InVec[] {InVec.of(new byte[1])},
                new OutVec[0]));
        assertTrue(gate.isHalted());
        assertThrows(DeviceHaltedException.class, () -> ns.version(CryptoPartition.SID));
    }

    @Test
    void concurrentCallersEachGetTheirOwnResults() throws Exception {
        CryptoFixture device = CryptoFixture.boot();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = -1 - t;
                results.add(pool.submit(() -> {
                    CryptoClient c = device.nonSecure(id);
                    int key = c.generateKey(KeyAttributes.builder().type(PsaKeyType.ECC_KEY_PAIR_SECP_R1).bits(256)
                            .usage(PsaKeyUsage.SIGN_HASH | PsaKeyUsage.VERIFY_HASH)
                            .algorithm(PsaAlgorithm.ECDSA_SHA_256).build());
                    int ok = 0;
                    for (int i = 0; i < 50; i++) {
                        byte[] h = new byte[32];
                        h[0] = (byte) i;
                        byte[] sig = c.signHash(key, PsaAlgorithm.ECDSA_SHA_256, h);
                        if (c.verifyHash(key, PsaAlgorithm.ECDSA_SHA_256, h, sig)) {
                            ok++;
                        }
                        try (KeyDerivation op = c.keyDerivationSetup(PsaAlgorithm.HKDF_SHA_256)) {
                            op.inputKey(DerivationStep.SECRET, PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK);
                            op.inputBytes(DerivationStep.INFO, h);
                            op.outputBytes(16);
                        }
                    }
                    c.destroyKey(key);
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(50, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
