package io.github.cai4j.huk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.huk.internal.HukRequests;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSR layout of §1.6, checked byte by byte, with BouncyCastle and with openssl. */
class DeviceCsrTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    /** A software signer standing in for the secure side: SHA-256 then ECDSA, raw r‖s. */
    static TbsSigner softwareSigner(BigInteger d) {
        return tbs -> {
            byte[] hash = HukDerivPartitionSha.sha256(tbs);
            ECDSASigner s = new ECDSASigner();
            ECDomainParameters dom = new ECDomainParameters(ReferenceDerivation.P256);
            s.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(d, dom), RANDOM));
            BigInteger[] rs = s.generateSignature(hash);
            byte[] out = new byte[64];
            System.arraycopy(ReferenceDerivation.unsigned32(rs[0]), 0, out, 0, 32);
            System.arraycopy(ReferenceDerivation.unsigned32(rs[1]), 0, out, 32, 32);
            return out;
        };
    }

    static BigInteger randomKey() {
        return new BigInteger(255, RANDOM).add(BigInteger.ONE);
    }

    private static final DeviceUuid UUID = new DeviceUuid("9d94c0a6-3b5e-4d2b-8f0e-6f3f8bd2a1c4");

    @Test
    void tbsHasTheFirmwareLayoutAndSizes() throws Exception {
        DevicePublicKey pub = DevicePublicKey.fromUncompressedPoint(ReferenceDerivation.publicKey(randomKey()));
        byte[] tls = DeviceCsr.tbs(UUID, DeviceKey.CLIENT_TLS.label(), pub);
        byte[] cose = DeviceCsr.tbs(UUID, DeviceKey.COSE.label(), pub);
        assertEquals(193, tls.length);
        assertEquals(200, cose.length);
        assertArrayEquals(new byte[] {0x30, (byte) 0x81, (byte) 0xbe}, Arrays.copyOf(tls, 3));
        assertArrayEquals(new byte[] {0x30, (byte) 0x81, (byte) 0xc5}, Arrays.copyOf(cose, 3));
        // both pass the secure side's framing check
        HukRequests.checkTbsFraming(tls);
        HukRequests.checkTbsFraming(cose);
        // version 0, then the Name, the 91-byte SPKI and the empty attributes A0 00 at the very end
        assertArrayEquals(new byte[] {0x02, 0x01, 0x00}, Arrays.copyOfRange(tls, 3, 6));
        assertArrayEquals(new byte[] {(byte) 0xa0, 0x00}, Arrays.copyOfRange(tls, tls.length - 2, tls.length));
        byte[] spki = pub.spkiDer();
        assertEquals(91, spki.length);
        assertArrayEquals(spki, Arrays.copyOfRange(tls, tls.length - 2 - 91, tls.length - 2));
        assertEquals("3059301306072a8648ce3d020106082a8648ce3d030107034200",
                HexFormat.of().formatHex(spki, 0, 26));
    }

    @Test
    void subjectIsThreeUtf8RdnsInFirmwareOrder() throws Exception {
        DevicePublicKey pub = DevicePublicKey.fromUncompressedPoint(ReferenceDerivation.publicKey(randomKey()));
        DeviceCsr csr = DeviceCsr.build(UUID, DeviceKey.COSE.label(), pub, softwareSigner(randomKey()));
        RDN[] rdns = csr.toPkcs10().getSubject().getRDNs();
        assertEquals(3, rdns.length);
        assertEquals(BCStyle.O, rdns[0].getFirst().getType());
        assertEquals(BCStyle.CN, rdns[1].getFirst().getType());
        assertEquals(BCStyle.OU, rdns[2].getFirst().getType());
        assertEquals(new DERUTF8String("Linaro"), rdns[0].getFirst().getValue());
        assertEquals(new DERUTF8String(UUID.value()), rdns[1].getFirst().getValue());
        assertEquals(new DERUTF8String("Device COSE SIGN/Encrypt"), rdns[2].getFirst().getValue());
        assertEquals("O=Linaro,CN=" + UUID.value() + ",OU=Device COSE SIGN/Encrypt", csr.subject());
    }

    @Test
    void signatureVerifiesAndAlgorithmHasExplicitNull() throws Exception {
        BigInteger d = randomKey();
        DevicePublicKey pub = DevicePublicKey.fromUncompressedPoint(ReferenceDerivation.publicKey(d));
        DeviceCsr csr = DeviceCsr.build(UUID, DeviceKey.CLIENT_TLS.label(), pub, softwareSigner(d));
        CertificationRequest req = CertificationRequest.getInstance(csr.der());
        assertEquals(X9ObjectIdentifiers.ecdsa_with_SHA256, req.getSignatureAlgorithm().getAlgorithm());
        assertEquals(DERNull.INSTANCE, req.getSignatureAlgorithm().getParameters());
        ASN1Set attrs = req.getCertificationRequestInfo().getAttributes();
        assertEquals(0, attrs.size());
        assertTrue(csr.toPkcs10().isSignatureValid(new JcaContentVerifierProviderBuilder().build(pub.toJca())));
        // DER ECDSA-Sig-Value with minimal integers
        ASN1Encodable sig = ASN1Sequence.getInstance(req.getSignature().getOctets());
        assertEquals(2, ((ASN1Sequence) sig).size());
        // a different key does not verify
        DevicePublicKey other = DevicePublicKey.fromUncompressedPoint(ReferenceDerivation.publicKey(randomKey()));
        assertTrue(!csr.toPkcs10().isSignatureValid(new JcaContentVerifierProviderBuilder().build(other.toJca())));
    }

    @Test
    void opensslVerifiesTheCsrAndShowsTheSubject() throws Exception {
        BigInteger d = randomKey();
        DevicePublicKey pub = DevicePublicKey.fromUncompressedPoint(ReferenceDerivation.publicKey(d));
        DeviceCsr csr = DeviceCsr.build(UUID, DeviceKey.CLIENT_TLS.label(), pub, softwareSigner(d));
        String subject = OpenSsl.verifyCsr(csr.pem(), tmp);
        assertEquals("OU=Device Client TLS,CN=" + UUID.value() + ",O=Linaro", subject);
    }

    @Test
    void pemJsonAndCborForms() throws Exception {
        BigInteger d = randomKey();
        DevicePublicKey pub = DevicePublicKey.fromUncompressedPoint(ReferenceDerivation.publicKey(d));
        DeviceCsr csr = DeviceCsr.build(UUID, DeviceKey.COSE.label(), pub, softwareSigner(d));
        byte[] der = csr.der();
        String pem = csr.pem();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
        assertTrue(pem.endsWith("\n-----END CERTIFICATE REQUEST-----\n"));
        String[] lines = pem.split("\n");
        StringBuilder b64 = new StringBuilder();
        for (int i = 1; i < lines.length - 1; i++) {
            assertTrue(lines[i].length() <= 64);
            if (i < lines.length - 2) {
                assertEquals(64, lines[i].length());
            }
            b64.append(lines[i]);
        }
        assertArrayEquals(der, Base64.getDecoder().decode(b64.toString()));
        assertEquals("{\"CSR\":\"" + pem.replace("\n", "\\n") + "\"}", csr.json());
        byte[] cbor = csr.cbor();
        assertEquals(0x81, cbor[0] & 0xff);
        if (der.length < 256) {
            assertEquals(0x58, cbor[1] & 0xff);
            assertEquals(der.length, cbor[2] & 0xff);
            assertArrayEquals(der, Arrays.copyOfRange(cbor, 3, cbor.length));
        } else {
            assertEquals(0x59, cbor[1] & 0xff);
            assertEquals(der.length, ((cbor[2] & 0xff) << 8) | (cbor[3] & 0xff));
            assertArrayEquals(der, Arrays.copyOfRange(cbor, 4, cbor.length));
        }
    }

    @Test
    void aSignerReturningTheWrongLengthIsAnError() {
        DevicePublicKey pub = DevicePublicKey.fromUncompressedPoint(ReferenceDerivation.publicKey(randomKey()));
        PsaException e = assertThrows(PsaException.class,
                () -> DeviceCsr.build(UUID, "x", pub, tbs -> new byte[63]));
        assertTrue(e.is(PsaStatus.ERROR_GENERIC_ERROR));
    }

    @Test
    void publicKeyIsValidated() {
        byte[] p = ReferenceDerivation.publicKey(randomKey());
        p[64] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> DevicePublicKey.fromUncompressedPoint(p));
        assertThrows(IllegalArgumentException.class, () -> DevicePublicKey.fromUncompressedPoint(new byte[65]));
        assertThrows(IllegalArgumentException.class, () -> DevicePublicKey.fromUncompressedPoint(new byte[64]));
    }

    /** SHA-256 for the software signer. */
    static final class HukDerivPartitionSha {
        static byte[] sha256(byte[] data) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(data);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }
}
