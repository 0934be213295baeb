package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.crypto.TfmProfile;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code info} and {@code keys} shell commands on a booted device (§8.2). */
class HukShellCommandsTest {
    @TempDir
    Path tmp;

    private record Shell(TestDevice device, DeviceKeys keys, HukShellCommands shell) {
    }

    private static Shell shell(TfmProfile p) throws Exception {
        HukDerivConfig config = HukDerivConfig.of(p).withNvCounters(false);
        TestDevice d = TestDevice.boot(config);
        DeviceKeys keys = DeviceKeys.initialise(d.ns(), config, d.log);
        return new Shell(d, keys, new HukShellCommands(keys));
    }

    private static byte[] pemBody(List<String> lines, int from, String label) {
        assertEquals("-----BEGIN " + label + "-----", lines.get(from));
        StringBuilder b = new StringBuilder();
        int i = from + 1;
        for (; !lines.get(i).startsWith("-----END "); i++) {
            assertTrue(lines.get(i).length() <= 64);
            b.append(lines.get(i));
        }
        assertEquals("-----END " + label + "-----", lines.get(i));
        return Base64.getDecoder().decode(b.toString());
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void infoCommands(TfmProfile p) throws Exception {
        Shell s = shell(p);
        assertEquals(List.of("1.0.0"), s.shell().infoVersion());
        String want = ReferenceDerivation.uuid(TestVectors.dummyHuk(), p == TfmProfile.TFM_1_6,
                HukServices.DEFAULT_PARTITION_ID, "");
        assertEquals(List.of(want), s.shell().infoUuid());
        assertEquals(List.of(want), s.shell().execute(List.of("info", "uuid")));
        assertNull(s.shell().execute(List.of("infer", "model")));
        assertTrue(s.device().log.contains("[INF] [app] Successfully derived the key for HUK_CLIENT_TLS"));
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void keysStatusTable(TfmProfile p) throws Exception {
        Shell s = shell(p);
        assertEquals(List.of(
                "| Key                     | Key ID   | Status         |",
                "| Device Client TLS       | 0x5001   | Key generated  |",
                "| Device COSE SIGN/Encrypt| 0x5002   | Key generated  |"), s.shell().keysStatus());
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void keysPublic(TfmProfile p) throws Exception {
        Shell s = shell(p);
        List<String> all = s.shell().keysPublic();
        assertEquals("Key ID: 0x5001", all.get(0));
        assertEquals("Device Client TLS Public key:", all.get(1));
        byte[] tls = pemBody(all, 2, "PUBLIC KEY");
        assertArrayEquals(s.keys().publicKey(DeviceKey.CLIENT_TLS).spkiDer(), tls);
        int second = all.indexOf("Key ID: 0x5002");
        assertEquals("", all.get(second - 1));
        assertEquals("Device COSE SIGN/Encrypt Public key:", all.get(second + 1));
        assertArrayEquals(s.keys().publicKey(DeviceKey.COSE).spkiDer(), pemBody(all, second + 2, "PUBLIC KEY"));
        assertEquals("", all.get(all.size() - 1));

        List<String> one = s.shell().keysPublic("5002");
        assertEquals(all.subList(second, all.size()), one);
        assertEquals(one, s.shell().keysPublic("0x5002"));
        assertEquals(List.of("Error: invalid argument \"5003\"", ""), s.shell().keysPublic("5003"));
        assertEquals(List.of("Error: too many arguments \"x\"", ""), s.shell().keysPublic("5001", "x"));
        assertEquals("Display public key(s) in PEM format", s.shell().keysPublic("help").get(0));
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void keysCsrPemVerifiesWithOpenssl(TfmProfile p) throws Exception {
        Shell s = shell(p);
        String uuid = s.keys().uuid().value();
        for (DeviceKey k : DeviceKey.values()) {
            String id = String.format(java.util.Locale.ROOT, "0x%x", k.keyId());
            List<String> out = s.shell().keysCsr("PEM", id);
            assertEquals("", out.get(0));
            assertEquals("Generating X.509 CSR for '" + k.label() + "' key:", out.get(1));
            assertEquals("Subject: O=Linaro,CN=" + uuid + ",OU=" + k.label(), out.get(2));
            assertEquals("", out.get(out.size() - 1));
            StringBuilder pem = new StringBuilder();
            for (String l : out.subList(3, out.size() - 1)) {
                pem.append(l).append('\n');
            }
            String subject = OpenSsl.verifyCsr(pem.toString(), tmp);
            assertEquals("OU=" + k.label() + ",CN=" + uuid + ",O=Linaro", subject);
            PKCS10CertificationRequest req = new PKCS10CertificationRequest(pemBody(out, 3, "CERTIFICATE REQUEST"));
            assertTrue(req.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(s.keys().publicKey(k).toJca())));
        }
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void keysCsrJsonAndErrors(TfmProfile p) throws Exception {
        Shell s = shell(p);
        List<String> out = s.shell().keysCsr("JSON", "5002");
        assertEquals(4, out.size());
        String json = out.get(3);
        assertTrue(json.startsWith("{\"CSR\":\"-----BEGIN CERTIFICATE REQUEST-----\\n"), json);
        assertTrue(json.endsWith("-----END CERTIFICATE REQUEST-----\\n\"}"), json);
        assertEquals(List.of("Error: invalid argument \"XML\"", ""), s.shell().keysCsr("XML", "5001"));
        assertEquals(List.of("Error: invalid argument \"5003\"", ""), s.shell().keysCsr("PEM", "5003"));
        assertEquals(List.of("Error: invalid argument \"pem\"", ""), s.shell().keysCsr("pem", "5001"));
        List<String> missing = s.shell().keysCsr("PEM");
        assertEquals("Error: missing argument(s)", missing.get(0));
        assertEquals("Example: $ keys csr PEM 5001", missing.get(missing.size() - 1));
        assertEquals("Error: missing argument(s)", s.shell().keysCsr("PEM", "5001", "x").get(0));
        assertEquals("Generate a CSR for the given key id and format", s.shell().keysCsr("help").get(0));
    }

    @ParameterizedTest
    @EnumSource(TfmProfile.class)
    void keysCertWithoutACertificate(TfmProfile p) throws Exception {
        Shell s = shell(p);
        assertEquals(List.of("Error: No certificate for this key, status: \"Key generated\"", ""),
                s.shell().keysCert("5001"));
        assertEquals(List.of("Error: invalid argument \"42\"", ""), s.shell().keysCert("42"));
        assertEquals(List.of("Error: missing argument: \"<Key ID>\"", ""), s.shell().keysCert());
        assertEquals(List.of("Error: too many arguments \"b\"", ""), s.shell().keysCert("a", "b"));
    }

    @ParameterizedTest
    // TFM_1_6 too once protected storage can write under that profile (its object keys use the 1.7 builtin HUK key)
    @EnumSource(value = TfmProfile.class, names = "TFM_1_7")
    void storedCertificateSetsTheStatusAndIsPrinted(TfmProfile p) throws Exception {
        Shell s = shell(p);
        for (DeviceKey k : DeviceKey.values()) {
            DeviceCsr csr = s.keys().csr(k);
            byte[] der = CertificateAuthority.issue(csr);
            s.keys().storeCertificate(k, der);
            assertEquals(KeyStatus.X509_CERT_GENERATED, s.keys().status(k));
            List<String> out = s.shell().keysCert(String.format(java.util.Locale.ROOT, "%x", k.keyId()));
            assertEquals(String.format(java.util.Locale.ROOT, "Key ID: 0x%x", k.keyId()), out.get(0));
            assertEquals(k.label() + " Certificate:", out.get(1));
            assertArrayEquals(der, pemBody(out, 2, "CERTIFICATE"));
            assertEquals("", out.get(out.size() - 1));
            assertArrayEquals(der, new io.github.cai4j.storage.ProtectedStorage(s.device().ns())
                    .get(DeviceKeys.certificateUid(k)));
        }
        assertTrue(s.shell().keysStatus().get(1).contains("| X.509 cert gen |"));
        assertTrue(s.shell().keysStatus().get(2).contains("| X.509 cert gen |"));
        if (p == TfmProfile.TFM_1_7) {
            assertEquals(KeyStatus.X509_CERT_GENERATED, s.keys().hukClient().keyStatus(HukServices.KEY_ID_COSE));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TfmProfile.class, names = "TFM_1_7")
    void bootstrapResponseIsStored(TfmProfile p) throws Exception {
        Shell s = shell(p);
        byte[] der = CertificateAuthority.issue(s.keys().csr(DeviceKey.CLIENT_TLS));
        com.upokecenter.cbor.CBORObject map = com.upokecenter.cbor.CBORObject.NewOrderedMap();
        map.Add(1, 0);
        map.Add(2, der);
        assertArrayEquals(der, s.keys().acceptCsrResponse(DeviceKey.CLIENT_TLS, map.EncodeToBytes()));
        assertEquals(KeyStatus.X509_CERT_GENERATED, s.keys().status(DeviceKey.CLIENT_TLS));
        assertEquals(KeyStatus.KEY_GENERATED, s.keys().status(DeviceKey.COSE));
        assertArrayEquals(der, s.keys().certificate(DeviceKey.CLIENT_TLS).orElseThrow());
    }
}
