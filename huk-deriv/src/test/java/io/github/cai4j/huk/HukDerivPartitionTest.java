package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.huk.internal.Le;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HUK partition behind a real call gate with the real crypto partition. */
class HukDerivPartitionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DUMMY_HUK = HEX.parseHex(
            "000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f");

    private static HukDerivConfig noCounters(TfmProfile p) {
        return HukDerivConfig.of(p).withNvCounters(false);
    }

    private static void assertStatus(PsaStatus expected, org.junit.jupiter.api.function.Executable e) {
        PsaException ex = assertThrows(PsaException.class, e);
        assertEquals(expected.value(), ex.statusValue(), ex.getMessage());
    }

    /** UUID, COSE key and TLS key of a booted device. */
    private record Identity(String uuid, byte[] cose, byte[] tls) {
    }

    private static Identity identity(byte[] huk, HukDerivConfig config) throws PsaException {
        TestDevice d = TestDevice.boot(huk, config);
        DeviceKeys keys = DeviceKeys.initialise(d.ns(), config, PlatformLog.discard());
        return new Identity(keys.uuid().value(), keys.publicKey(DeviceKey.COSE).uncompressedPoint(),
                keys.publicKey(DeviceKey.CLIENT_TLS).uncompressedPoint());
    }

    private static Identity reference(byte[] huk, HukDerivConfig c) {
        boolean g16 = c.profile() == TfmProfile.TFM_1_6;
        return new Identity(ReferenceDerivation.uuid(huk, g16, c.partitionId(), c.labelExtra()),
                ReferenceDerivation.publicKey(
                        ReferenceDerivation.ecKey(huk, g16, c.partitionId(), "HUK_COSE", c.labelExtra())),
                ReferenceDerivation.publicKey(
                        ReferenceDerivation.ecKey(huk, g16, -1, "HUK_CLIENT_TLS", c.labelExtra())));
    }

    @Test
    void uuidAndKeysFollowTheSpecForEveryProfilePartitionIdAndLabelExtra() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        int checked = 0;
        for (byte[] huk : new byte[][] {DUMMY_HUK, random}) {
            for (TfmProfile p : TfmProfile.values()) {
                for (int pid : new int[] {HukServices.DEFAULT_PARTITION_ID, 258, 262}) {
                    for (String extra : new String[] {"", "_15_characters_"}) {
                        HukDerivConfig c = noCounters(p).withPartitionId(pid).withLabelExtra(extra);
                        Identity got = identity(huk, c);
                        Identity want = reference(huk, c);
                        String where = p + " pid " + pid + " extra '" + extra + "'";
                        assertEquals(want.uuid(), got.uuid(), where);
                        assertArrayEquals(want.cose(), got.cose(), where);
                        assertArrayEquals(want.tls(), got.tls(), where);
                        checked++;
                    }
                }
            }
        }
        assertEquals(24, checked);
    }

    @Test
    void deterministicAndEveryInputChangesEverything() throws Exception {
        byte[] huk = new byte[32];
        new SecureRandom().nextBytes(huk);
        HukDerivConfig base = noCounters(TfmProfile.TFM_1_7);
        Identity a = identity(huk, base);
        Identity b = identity(huk, base);
        assertEquals(a.uuid(), b.uuid());
        assertArrayEquals(a.cose(), b.cose());
        assertArrayEquals(a.tls(), b.tls());

        byte[] otherHuk = huk.clone();
        otherHuk[0] ^= 1;
        List<Identity> changed = new ArrayList<>();
        changed.add(identity(otherHuk, base));
        changed.add(identity(huk, base.withProfile(TfmProfile.TFM_1_6)));
        changed.add(identity(huk, base.withPartitionId(262)));
        changed.add(identity(huk, base.withLabelExtra("x")));
        for (Identity c : changed) {
            assertNotEquals(a.uuid(), c.uuid());
            assertFalse(java.util.Arrays.equals(a.cose(), c.cose()));
            // the TLS key is derived by the non-secure owner: the partition id does not enter it
            if (c != changed.get(2)) {
                assertFalse(java.util.Arrays.equals(a.tls(), c.tls()));
            } else {
                assertArrayEquals(a.tls(), c.tls());
            }
        }
        assertEquals(4, changed.size());
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void bootAndUuidLogLines(TfmProfile p) throws Exception {
        TestDevice d = TestDevice.boot(noCounters(p));
        assertTrue(d.log.contains("[INF] [HUK DERIV SERV] Successfully derived the key for HUK_COSE"));
        String uuid = d.client().uuid().value();
        d.client().uuid();
        long lines = d.log.lines().stream().filter(l -> l.equals("[INF] [HUK DERIV SERV] Generated UUID: " + uuid))
                .count();
        assertEquals(1, lines, "the UUID is derived once and cached");
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void hashSignChecksFramingThenSigns(TfmProfile p) throws Exception {
        TestDevice d = TestDevice.boot(noCounters(p));
        HukDerivClient c = d.client();
        DeviceUuid uuid = c.uuid();
        DevicePublicKey pub = c.exportPublicKey(HukServices.KEY_ID_COSE);
        byte[] tbs = DeviceCsr.tbs(uuid, DeviceKey.COSE.label(), pub);

        byte[] sig = c.hashSign(HukServices.KEY_ID_COSE, tbs);
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(ReferenceDerivation.P256.getCurve().decodePoint(
                pub.uncompressedPoint()), new ECDomainParameters(ReferenceDerivation.P256)));
        assertTrue(v.verifySignature(DeviceCsrTest.HukDerivPartitionSha.sha256(tbs),
                new BigInteger(1, java.util.Arrays.copyOf(sig, 32)),
                new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64))));
        assertTrue(d.log.contains("[INF] [HUK DERIV SERV] Verified ASN.1 tag and length of the payload"));

        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.hashSign(HukServices.KEY_ID_CLIENT_TLS, tbs));
        assertStatus(PsaStatus.ERROR_INSUFFICIENT_DATA, () -> c.hashSign(HukServices.KEY_ID_COSE, new byte[0]));
        byte[] badTag = tbs.clone();
        badTag[0] = 0x31;
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.hashSign(HukServices.KEY_ID_COSE, badTag));
        byte[] longForm2 = new byte[300];
        longForm2[0] = 0x30;
        longForm2[1] = (byte) 0x82;
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> c.hashSign(HukServices.KEY_ID_COSE, longForm2));
        byte[] shortForm = {0x30, 0x03, 0x02, 0x01, 0x00};
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> c.hashSign(HukServices.KEY_ID_COSE, shortForm));
        byte[] truncated = java.util.Arrays.copyOf(tbs, tbs.length - 1);
        assertStatus(PsaStatus.ERROR_SERVICE_FAILURE, () -> c.hashSign(HukServices.KEY_ID_COSE, truncated));
        // a wrong key id is refused before the framing is looked at
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.hashSign(0x5003, new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void keyStatusAndPublicKeyServices(TfmProfile p) throws Exception {
        TestDevice d = TestDevice.boot(noCounters(p));
        HukDerivClient c = d.client();
        assertEquals(KeyStatus.KEY_GENERATED, c.keyStatus(HukServices.KEY_ID_COSE));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.keyStatus(HukServices.KEY_ID_CLIENT_TLS));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.exportPublicKey(HukServices.KEY_ID_CLIENT_TLS));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> c.exportPublicKey(0));
        if (p == TfmProfile.TFM_1_6) {
            assertStatus(PsaStatus.ERROR_NOT_SUPPORTED,
                    () -> c.setKeyStatus(HukServices.KEY_ID_COSE, KeyStatus.X509_CERT_GENERATED));
            // the 1.6 service ignores a set request's extra vectors: it is a get
            PsaClient ns = d.ns();
            int h = ns.connect(HukServices.SID_EC_KEY_STAT, 1);
            byte[] out = new byte[4];
            CallResult r = ns.call(h, new InVec[] {InVec.of(Le.bytes32(0x5002)), InVec.of(new byte[] {1}),
                InVec.of(Le.bytes32(2))}, new OutVec[] {OutVec.of(out)});
            ns.close(h);
            assertEquals(0, r.status());
            assertEquals(1, Le.int32(out, 0));
        } else {
            assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT,
                    () -> c.setKeyStatus(HukServices.KEY_ID_COSE, KeyStatus.KEY_GENERATED));
            assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT,
                    () -> c.setKeyStatus(HukServices.KEY_ID_CLIENT_TLS, KeyStatus.X509_CERT_GENERATED));
            c.setKeyStatus(HukServices.KEY_ID_COSE, KeyStatus.X509_CERT_GENERATED);
            assertEquals(KeyStatus.X509_CERT_GENERATED, c.keyStatus(HukServices.KEY_ID_COSE));
        }
        // a key id that is not 4 bytes: PROGRAMMER_ERROR for the key status service
        PsaClient ns = d.ns();
        int h = ns.connect(HukServices.SID_EC_KEY_STAT, 1);
        CallResult r = ns.call(h, new InVec[] {InVec.of(new byte[] {0x02, 0x50})}, new OutVec[] {OutVec.allocate(4)});
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), r.status());
        // a UUID buffer that is too small
        int h2 = ns.connect(HukServices.SID_GEN_UUID, 1);
        CallResult r2 = ns.call(h2, new InVec[0], new OutVec[] {OutVec.allocate(36)});
        assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), r2.status());
        assertFalse(d.gate.isHalted(), "a non-secure caller's mistake does not halt the device");
    }

    @Test
    void servicesAreConnectionBasedVersionOneAndTheEncoderIsSecureOnly() throws Exception {
        TestDevice d = TestDevice.boot(noCounters(TfmProfile.TFM_1_7));
        PsaClient ns = d.ns();
        for (int sid : new int[] {HukServices.SID_EC_KEY_STAT, HukServices.SID_EXPORT_PUBKEY, HukServices.SID_GEN_UUID,
            HukServices.SID_HASH_SIGN}) {
            assertEquals(1, ns.version(sid));
            assertEquals(PsaStatus.ERROR_CONNECTION_REFUSED.value(), ns.connect(sid, 2), "STRICT version policy");
            int h = ns.connect(sid, 1);
            assertTrue(h > 0);
            assertEquals(0, ns.close(h));
        }
        assertEquals(0, ns.version(HukServices.SID_COSE_CBOR_ENC_SIGN));
        assertEquals(PsaStatus.ERROR_CONNECTION_REFUSED.value(), ns.connect(HukServices.SID_COSE_CBOR_ENC_SIGN, 1));
        assertStatus(PsaStatus.ERROR_CONNECTION_REFUSED, () -> d.client().encode(0.5f, EncodingFormat.CBOR, 64));
        assertFalse(d.gate.isHalted());
        assertEquals(HukServices.DEFAULT_PARTITION_ID, d.huk.manifest().partitionId());
        assertTrue(d.huk.manifest().services().stream().noneMatch(s -> s.isStateless()));
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void encodeServiceFormatsAndStatuses(TfmProfile p) throws Exception {
        TestDevice d = TestDevice.boot(noCounters(p));
        // §9: CBOR of the 1° TFLM output
        assertEquals("a13a0001387f442cce8a3c", HEX.formatHex(d.encodeViaSecureCaller(Float.intBitsToFloat(0x3c8ace2c), 0, 256)));
        byte[] sign1 = d.encodeViaSecureCaller(Float.intBitsToFloat(0x3e72e8cd), 1, 256);
        assertEquals(85, sign1.length);
        Sign1Message m = FirmwareSign1.decodeStrict(sign1);
        DevicePublicKey pub = d.client().exportPublicKey(HukServices.KEY_ID_COSE);
        assertTrue(m.verify(EcdsaVerifier.of(pub.toJca())));
        assertArrayEquals(FirmwarePayload.encodeCbor(Float.intBitsToFloat(0x3e72e8cd)), m.payload().orElseThrow());

        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> d.encodeViaSecureCaller(0.5f, 6, 256));
        assertStatus(PsaStatus.ERROR_INVALID_ARGUMENT, () -> d.encodeViaSecureCaller(0.5f, 3, 256));
        assertStatus(PsaStatus.ERROR_NOT_SUPPORTED, () -> d.encodeViaSecureCaller(0.5f, 2, 256));
        assertStatus(PsaStatus.ERROR_BUFFER_TOO_SMALL, () -> d.encodeViaSecureCaller(0.5f, 1, 60));
        assertStatus(PsaStatus.ERROR_BUFFER_TOO_SMALL, () -> d.encodeViaSecureCaller(0.5f, 0, 10));
        assertFalse(d.gate.isHalted());
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void theTlsKeyIsExportableOnlyWhereTfm16AllowedIt(TfmProfile p) throws Exception {
        HukDerivConfig config = noCounters(p);
        TestDevice d = TestDevice.boot(config);
        DeviceKeys keys = DeviceKeys.initialise(d.ns(), config, PlatformLog.discard());
        io.github.cai4j.crypto.CryptoClient ns = new io.github.cai4j.crypto.CryptoClient(d.ns());
        if (p == TfmProfile.TFM_1_6) {
            byte[] d16 = ns.exportKey(keys.tlsKeyId());
            assertEquals(HEX.formatHex(ReferenceDerivation.unsigned32(ReferenceDerivation.ecKey(DUMMY_HUK, true, -1,
                    "HUK_CLIENT_TLS", ""))), HEX.formatHex(d16));
        } else {
            assertStatus(PsaStatus.ERROR_NOT_PERMITTED, () -> ns.exportKey(keys.tlsKeyId()));
        }
        // the non-secure side can sign with its TLS key but never reach the partition's keys
        assertEquals(64, ns.signHash(keys.tlsKeyId(), io.github.cai4j.crypto.PsaAlgorithm.ECDSA_SHA_256,
                new byte[32]).length);
    }
}
