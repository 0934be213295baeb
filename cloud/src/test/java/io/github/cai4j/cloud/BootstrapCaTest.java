package io.github.cai4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.huk.DeviceCsr;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.psa.platform.RecordingLog;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapCaTest {
    private static TestDevice device;
    private static TestDevice other;

    @BeforeAll
    static void boot() throws Exception {
        device = TestDevice.boot(0x11);
        other = TestDevice.boot(0x22);
    }

    @AfterAll
    static void halt() {
        device.close();
        other.close();
    }

    private static BootstrapCa open(Path dir, RecordingLog log) throws CloudException {
        return BootstrapCa.open(dir, new BootstrapCa.Options().log(log));
    }

    private static CBORObject decode(CaResponse r) {
        return CBORObject.DecodeFromBytes(r.cbor());
    }

    @Test
    void generatesItsMaterialOnceAndLoadsItAfterwards(@TempDir Path dir) throws Exception {
        RecordingLog log = new RecordingLog();
        byte[] root;
        try (BootstrapCa ca = open(dir, log)) {
            root = ca.rootCertificate().getEncoded();
            assertTrue(ca.handleCertificateRequest(device.keys.csr(DeviceKey.CLIENT_TLS).cbor()).status()
                    == CaStatus.OK);
        }
        for (String f : List.of("ca-key.pem", "ca-cert.pem", "server-key.pem", "server-cert.pem",
                "bootstrap-key.pem", "bootstrap-cert.pem", "listener-key.pem", "listener-cert.pem",
                DeviceRegistry.FILE_NAME, "crl.pem")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(log.contains("Generated CA"), log.lines().toString());
        RecordingLog log2 = new RecordingLog();
        try (BootstrapCa again = open(dir, log2)) {
            assertArrayEquals(root, again.rootCertificate().getEncoded());
            assertTrue(log2.contains("Loaded CA"));
            assertEquals(1, again.registry().size());
            assertEquals(List.of(device.uuid), again.registry().devices());
            assertEquals(device.keys.publicKey(DeviceKey.CLIENT_TLS),
                    again.registry().publicKey(device.uuid, DeviceKey.CLIENT_TLS).orElseThrow());
            assertTrue(again.registry().publicKey(device.uuid, DeviceKey.COSE).isEmpty());
        }
    }

    @Test
    void issuesCertificatesForBothFirmwareCsrsThatOpensslVerifies(@TempDir Path dir) throws Exception {
        OpenSsl.require();
        RecordingLog log = new RecordingLog();
        try (BootstrapCa ca = open(dir, log)) {
            int verified = 0;
            for (DeviceKey key : DeviceKey.values()) {
                DeviceCsr csr = device.keys.csr(key);
                CaResponse r = ca.handleCertificateRequest(csr.cbor());
                assertEquals(CaStatus.OK, r.status(), r.detail());
                CBORObject m = decode(r);
                assertEquals(0, m.get(1).AsInt32Value());
                byte[] der = m.get(2).GetByteString();
                X509Certificate cert = r.issued().orElseThrow().certificate();
                assertArrayEquals(cert.getEncoded(), der);
                assertEquals("OU=" + key.label() + ",CN=" + device.uuid + ",O=Linaro",
                        cert.getSubjectX500Principal().getName());
                assertArrayEquals(device.keys.publicKey(key).spkiDer(), cert.getPublicKey().getEncoded());
                cert.verify(ca.rootCertificate().getPublicKey());
                assertEquals(key == DeviceKey.CLIENT_TLS, cert.getExtendedKeyUsage() != null
                        && cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
                Path pem = dir.resolve("device-" + key.keyId() + ".pem");
                Files.writeString(pem, io.github.cai4j.cloud.internal.Pki.pem(cert));
                OpenSsl.Result v = OpenSsl.run(List.of("openssl", "verify", "-CAfile",
                        ca.rootCertificateFile().toString(), pem.toString()));
                assertEquals(0, v.exit(), v.output());
                assertTrue(v.output().contains(": OK"), v.output());
                if (key == DeviceKey.CLIENT_TLS) {
                    OpenSsl.Result p = OpenSsl.run(List.of("openssl", "verify", "-purpose", "sslclient",
                            "-CAfile", ca.rootCertificateFile().toString(), pem.toString()));
                    assertEquals(0, p.exit(), p.output());
                }
                verified++;
                assertTrue(log.contains("Issued certificate serial " + cert.getSerialNumber().toString(16)));
            }
            assertEquals(2, verified);
            assertEquals(2, ca.registry().size());
            // the CA's own TLS identities verify too
            for (TlsCredentials c : List.of(ca.serverCredentials(), ca.bootstrapCredentials(),
                    ca.listenerCredentials())) {
                OpenSsl.Result v = OpenSsl.run(List.of("openssl", "verify", "-CAfile",
                        ca.rootCertificateFile().toString(), c.certificateFile().toString()));
                assertEquals(0, v.exit(), v.output());
            }
        }
    }

    @Test
    void serialsAreUniqueAndReissueKeepsTheKey(@TempDir Path dir) throws Exception {
        try (BootstrapCa ca = open(dir, new RecordingLog())) {
            Set<BigInteger> serials = new HashSet<>();
            int n = 12;
            for (int i = 0; i < n; i++) {
                CaResponse r = ca.handleCertificateRequest(device.keys.csr(DeviceKey.values()[i % 2]).cbor());
                assertEquals(CaStatus.OK, r.status());
                assertTrue(serials.add(r.issued().orElseThrow().serial()));
            }
            assertEquals(n, serials.size());
            for (TlsCredentials c : List.of(ca.serverCredentials(), ca.bootstrapCredentials(),
                    ca.listenerCredentials())) {
                assertTrue(serials.add(c.certificate().getSerialNumber()));
            }
            assertTrue(serials.add(ca.rootCertificate().getSerialNumber()));
            assertEquals(n + 4, serials.size());
            assertEquals(serials.size() - 4, ca.registry().all().size());
            BigInteger last = ca.registry().certificate(device.uuid, DeviceKey.COSE).orElseThrow().serial();
            assertEquals(device.uuid, ca.registry().bySerial(last).orElseThrow().uuid());
        }
    }

    private static byte[] cborOf(byte[] der) {
        return CBORObject.NewArray().Add(der).EncodeToBytes();
    }

    private static byte[] bcCsr(String subject, KeyPair kp, String sigAlg) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), kp.getPublic())
                .build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate())).getEncoded();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static void assertRefused(BootstrapCa ca, RecordingLog log, byte[] body, CaStatus expected) {
        log.clear();
        CaResponse r = ca.handleCertificateRequest(body);
        assertEquals(expected, r.status(), r.detail());
        assertTrue(r.issued().isEmpty());
        CBORObject m = CBORObject.DecodeFromBytes(r.cbor());
        assertEquals(expected.code(), m.get(1).AsInt32Value());
        assertFalse(m.ContainsKey(2));
        assertEquals(1, log.lines().size(), log.lines().toString());
        String line = log.lines().get(0);
        assertTrue(line.contains("[BOOTSTRAP CA] Refused certificate request") && line.contains("status "
                + expected.code() + " (" + expected.text() + ")"), line);
    }

    @Test
    void refusesEachKindOfBadRequestWithItsStatusAndALogLine(@TempDir Path dir) throws Exception {
        RecordingLog log = new RecordingLog();
        String uuid = device.uuid;
        int cases = 0;
        try (BootstrapCa ca = open(dir, log)) {
            byte[] good = device.keys.csr(DeviceKey.CLIENT_TLS).der();
            // malformed CBOR: not CBOR, truncated, trailing bytes, a map, two elements, a text string
            byte[] goodCbor = cborOf(good);
            List<byte[]> malformed = List.of(new byte[0], new byte[] {(byte) 0xff, 0x00},
                    java.util.Arrays.copyOf(goodCbor, goodCbor.length - 1),
                    java.util.Arrays.copyOf(goodCbor, goodCbor.length + 1),
                    CBORObject.NewMap().Add(1, good).EncodeToBytes(),
                    CBORObject.NewArray().Add(good).Add(good).EncodeToBytes(),
                    CBORObject.NewArray().Add("csr").EncodeToBytes(), good);
            for (byte[] b : malformed) {
                assertRefused(ca, log, b, CaStatus.MALFORMED_CBOR);
                cases++;
            }
            assertRefused(ca, log, cborOf(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}), CaStatus.MALFORMED_CSR);
            assertRefused(ca, log, cborOf("not DER".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    CaStatus.MALFORMED_CSR);
            cases += 2;
            // a flipped bit in the signature, and in the signed subject
            byte[] badSig = good.clone();
            badSig[badSig.length - 3] ^= 0x01;
            assertRefused(ca, log, cborOf(badSig), CaStatus.BAD_SIGNATURE);
            byte[] tbsFlip = good.clone();
            int at = indexOf(tbsFlip, uuid.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            tbsFlip[at] = (byte) (tbsFlip[at] == 'a' ? 'b' : 'a');
            assertRefused(ca, log, cborOf(tbsFlip), CaStatus.BAD_SIGNATURE);
            // signed by another key than the one in the CSR: other device's CSR body with this key swapped in
            cases += 2;
            KeyPair p256 = ec("secp256r1");
            assertRefused(ca, log, cborOf(bcCsr("O=Linaro,CN=" + uuid + ",OU=Device Client TLS", p256,
                    "SHA384withECDSA")), CaStatus.BAD_SIGNATURE);
            // wrong subjects
            for (String s : List.of("O=Evil,CN=" + uuid + ",OU=Device Client TLS",
                    "O=Linaro,CN=not-a-uuid,OU=Device Client TLS",
                    "O=Linaro,CN=" + uuid.toUpperCase(java.util.Locale.ROOT) + ",OU=Device Client TLS",
                    "O=Linaro,CN=" + uuid + ",OU=Some Other Key",
                    "CN=" + uuid + ",O=Linaro,OU=Device Client TLS",
                    "O=Linaro,CN=" + uuid,
                    "O=Linaro,CN=" + uuid + ",OU=Device Client TLS,OU=Device Client TLS")) {
                assertRefused(ca, log, cborOf(bcCsr(s, p256, "SHA256withECDSA")), CaStatus.WRONG_SUBJECT);
                cases++;
            }
            // wrong key types: P-384, RSA
            String subject = "O=Linaro,CN=" + uuid + ",OU=Device Client TLS";
            assertRefused(ca, log, cborOf(bcCsr(subject, ec("secp384r1"), "SHA256withECDSA")),
                    CaStatus.WRONG_KEY_TYPE);
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            assertRefused(ca, log, cborOf(bcCsr(subject, rsa.generateKeyPair(), "SHA256withRSA")),
                    CaStatus.WRONG_KEY_TYPE);
            cases += 3;
            // a well-formed request from a key other than the one already certified for this UUID
            assertEquals(CaStatus.OK, ca.handleCertificateRequest(goodCbor).status());
            assertRefused(ca, log, cborOf(bcCsr(subject, p256, "SHA256withECDSA")), CaStatus.KEY_MISMATCH);
            // a revoked device gets nothing more
            ca.revoke(uuid);
            assertRefused(ca, log, goodCbor, CaStatus.REVOKED);
            cases += 2;
            assertEquals(1, ca.registry().size());
        }
        assertEquals(24, cases);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void revocationPutsTheDeviceCertificatesOnTheCrl(@TempDir Path dir) throws Exception {
        OpenSsl.require();
        try (BootstrapCa ca = open(dir, new RecordingLog())) {
            X509Certificate c = ca.handleCertificateRequest(other.keys.csr(DeviceKey.CLIENT_TLS).cbor()).issued()
                    .orElseThrow().certificate();
            Path pem = dir.resolve("other.pem");
            Files.writeString(pem, io.github.cai4j.cloud.internal.Pki.pem(c));
            List<String> cmd = List.of("openssl", "verify", "-crl_check", "-CAfile",
                    ca.rootCertificateFile().toString(), "-CRLfile", ca.crlFile().toString(), pem.toString());
            assertEquals(0, OpenSsl.run(cmd).exit());
            assertTrue(ca.registry().deviceOf(c).isPresent());
            ca.revoke(other.uuid);
            OpenSsl.Result r = OpenSsl.run(cmd);
            assertFalse(r.exit() == 0, r.output());
            assertTrue(r.output().contains("revoked"), r.output());
            assertTrue(ca.registry().isRevoked(other.uuid));
            assertTrue(ca.registry().deviceOf(c).isEmpty());
            assertEquals(List.of(c.getSerialNumber()), ca.registry().revokedSerials());
        }
        try (BootstrapCa again = open(dir, new RecordingLog())) {
            assertTrue(again.registry().isRevoked(other.uuid));
        }
    }

    @Test
    void aRegistryReadsWhatAnotherCaProcessIssuedAndRevoked(@TempDir Path dir) throws Exception {
        try (BootstrapCa writer = open(dir, new RecordingLog()); BootstrapCa reader = open(dir, new RecordingLog())) {
            assertFalse(reader.registry().refreshIfChanged());
            assertEquals(CaStatus.OK, writer.handleCertificateRequest(other.keys.csr(DeviceKey.COSE).cbor()).status());
            assertTrue(reader.registry().publicKey(other.uuid, DeviceKey.COSE).isEmpty());
            assertTrue(reader.registry().refreshIfChanged());
            assertEquals(other.keys.publicKey(DeviceKey.COSE),
                    reader.registry().publicKey(other.uuid, DeviceKey.COSE).orElseThrow());
            writer.revoke(other.uuid);
            assertTrue(reader.registry().refreshIfChanged());
            assertTrue(reader.registry().isRevoked(other.uuid));
            assertFalse(reader.registry().refreshIfChanged());
        }
    }

    @Test
    void aCorruptRegistryIsReportedNotIgnored(@TempDir Path dir) throws Exception {
        open(dir, new RecordingLog()).close();
        Files.write(dir.resolve(DeviceRegistry.FILE_NAME), new byte[] {(byte) 0x81, 0x01});
        CloudException e = assertThrows(CloudException.class, () -> open(dir, new RecordingLog()));
        assertTrue(e.getMessage().contains("registry.cbor"), e.getMessage());
    }
}
