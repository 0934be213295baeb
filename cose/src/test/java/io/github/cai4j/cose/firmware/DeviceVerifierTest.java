package io.github.cai4j.cose.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The cloud-side verifier: signature, payload decoding, and per-device replay protection. */
class DeviceVerifierTest {
    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static byte[] result(CoseKey key, float v, long rollover, long counter) throws CoseException {
        return FirmwareSign1.sign(FirmwarePayload.encodeCbor(v, rollover, counter), EcdsaSigner.of(key));
    }

    @Test
    void acceptsIncreasingCountersAndRejectsRepeatsAndRollbacks() throws Exception {
        CoseKey key = CoseKey.fromKeyPair(keyPair());
        DeviceVerifier v = DeviceVerifier.fromUncompressedPoint(key.uncompressedPoint());
        DeviceVerifier.Result r1 = v.verify(result(key, 0.5f, 0, 1));
        assertEquals(DeviceVerifier.Status.VALID, r1.status());
        assertEquals(0.5f, r1.payload().orElseThrow().value());
        assertEquals(DeviceVerifier.Status.VALID, v.verify(result(key, 0.5f, 0, 2)).status());
        assertEquals(DeviceVerifier.Status.REPLAYED, v.verify(result(key, 0.5f, 0, 2)).status());
        assertEquals(DeviceVerifier.Status.REPLAYED, v.verify(result(key, 0.5f, 0, 1)).status());
        assertEquals(DeviceVerifier.Status.VALID, v.verify(result(key, 0.5f, 1, 0)).status());
        assertEquals(DeviceVerifier.Status.REPLAYED, v.verify(result(key, 0.5f, 0, 99)).status());
        assertEquals(new FirmwarePayload.Counters(1, 0), v.lastCounters().orElseThrow());
    }

    @Test
    void badSignatureIsAResultAndDoesNotAdvanceTheCounter() throws Exception {
        CoseKey key = CoseKey.fromKeyPair(keyPair());
        CoseKey other = CoseKey.fromKeyPair(keyPair());
        DeviceVerifier v = DeviceVerifier.fromCoseKey(key.publicOnly().encode());
        assertEquals(DeviceVerifier.Status.BAD_SIGNATURE, v.verify(result(other, 1f, 0, 5)).status());
        assertTrue(v.lastCounters().isEmpty());
        byte[] msg = result(key, 1f, 0, 5);
        msg[20] ^= 1; // inside the payload
        assertEquals(DeviceVerifier.Status.BAD_SIGNATURE, v.verify(msg).status());
        assertEquals(DeviceVerifier.Status.VALID, v.verify(result(key, 1f, 0, 5)).status());
    }

    @Test
    void payloadWithoutCountersNeedsExplicitPermission() throws Exception {
        KeyPair kp = keyPair();
        CoseKey key = CoseKey.fromKeyPair(kp);
        byte[] msg = FirmwareSign1.sign(FirmwarePayload.encodeCbor(2f), EcdsaSigner.of(key));
        assertEquals(DeviceVerifier.Status.NO_COUNTERS, DeviceVerifier.of(kp.getPublic()).verify(msg).status());
        assertEquals(DeviceVerifier.Status.VALID, DeviceVerifier.allowingMissingCounters(
                io.github.cai4j.cose.CoseVerifier.forPublicKey(kp.getPublic())).verify(msg).status());
    }

    @Test
    void keysFromPemAndCertificate() throws Exception {
        KeyPair kp = keyPair();
        CoseKey key = CoseKey.fromKeyPair(kp);
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("O=Linaro, CN=Flow test device"), BigInteger.ONE, new Date(0L),
                new Date(4_000_000_000_000L), new X500Name("O=Linaro, CN=Flow test device"), kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        String certPem = Pem.encode("CERTIFICATE", cert.getEncoded());
        for (DeviceVerifier v : new DeviceVerifier[] {DeviceVerifier.fromPem(Pem.encodePublicKey(kp.getPublic())),
            DeviceVerifier.fromPem(certPem), DeviceVerifier.of(cert)}) {
            assertEquals(DeviceVerifier.Status.VALID, v.verify(result(key, 3f, 0, 1)).status());
        }
    }

    @Test
    void registryKeepsCountersPerDevice() throws Exception {
        CoseKey a = CoseKey.fromKeyPair(keyPair());
        CoseKey b = CoseKey.fromKeyPair(keyPair());
        PayloadVerifier reg = new PayloadVerifier();
        reg.register("a", DeviceVerifier.fromUncompressedPoint(a.uncompressedPoint()));
        reg.register("b", DeviceVerifier.fromUncompressedPoint(b.uncompressedPoint()));
        assertEquals(DeviceVerifier.Status.VALID, reg.verify("a", result(a, 1f, 0, 10)).status());
        assertEquals(DeviceVerifier.Status.VALID, reg.verify("b", result(b, 1f, 0, 3)).status());
        assertEquals(DeviceVerifier.Status.REPLAYED, reg.verify("a", result(a, 1f, 0, 3)).status());
        assertEquals(DeviceVerifier.Status.BAD_SIGNATURE, reg.verify("b", result(a, 1f, 0, 11)).status());
        assertThrows(CoseException.class, () -> reg.verify("c", result(a, 1f, 0, 12)));
    }

    @Test
    void malformedInputThrowsNamingTheElement() throws Exception {
        DeviceVerifier v = DeviceVerifier.fromUncompressedPoint(CoseKey.fromKeyPair(keyPair()).uncompressedPoint());
        CoseException e = assertThrows(CoseException.class, () -> v.verify(new byte[] {(byte) 0xd2, (byte) 0x83}));
        assertTrue(e.getMessage().contains("COSE_Sign1"), e.getMessage());
        assertThrows(CoseException.class, () -> DeviceVerifier.fromUncompressedPoint(new byte[64]));
        byte[] offCurve = new byte[65];
        offCurve[0] = 4;
        offCurve[64] = 1;
        assertThrows(CoseException.class, () -> DeviceVerifier.fromUncompressedPoint(offCurve));
    }
}
