package io.github.cai4j.huk;

import io.github.cai4j.huk.internal.Pem;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A device certificate signing request as the firmware builds it ({@code src/x509_csr_gen.c},
 * {@code spec/firmware.md} §1.6): subject {@code O=Linaro,CN=<uuid>,OU=<key label>} (UTF8String, that order), the
 * key's SubjectPublicKeyInfo, empty attributes ({@code A0 00}), signed with ecdsa-with-SHA256 whose
 * AlgorithmIdentifier carries an explicit NULL parameter as Mbed TLS ≤ 3.4 writes it.
 *
 * <p>Only the TBS part is handed to a {@link TbsSigner}; the private key stays on the secure side.
 */
public final class DeviceCsr {
    /** The organisation of every device subject. */
    public static final String ORGANISATION = "Linaro";

    private static final String PEM_LABEL = "CERTIFICATE REQUEST";

    private final byte[] der;
    private final String subject;

    private DeviceCsr(byte[] der, String subject) {
        this.der = der;
        this.subject = subject;
    }

    /** The subject string the firmware prints: {@code O=Linaro,CN=<uuid>,OU=<label>}. */
    public static String subjectString(DeviceUuid uuid, String keyLabel) {
        return "O=" + ORGANISATION + ",CN=" + uuid.value() + ",OU=" + keyLabel;
    }

    /** The subject Name: three single-attribute RDNs in the firmware's order, each a UTF8String. */
    public static X500Name subjectName(DeviceUuid uuid, String keyLabel) {
        return new X500Name(new RDN[] {
            rdn(BCStyle.O, ORGANISATION), rdn(BCStyle.CN, uuid.value()), rdn(BCStyle.OU, keyLabel)});
    }

    private static RDN rdn(ASN1ObjectIdentifier type, String value) {
        return new RDN(new AttributeTypeAndValue(type, new DERUTF8String(value)));
    }

    /** The DER {@code CertificationRequestInfo} (the "TBS" part the secure side hashes and signs). */
    public static byte[] tbs(DeviceUuid uuid, String keyLabel, DevicePublicKey publicKey) {
        return encode(info(uuid, keyLabel, publicKey));
    }

    private static CertificationRequestInfo info(DeviceUuid uuid, String keyLabel, DevicePublicKey publicKey) {
        return new CertificationRequestInfo(subjectName(uuid, keyLabel), publicKey.subjectPublicKeyInfo(),
                new DERSet());
    }

    /**
     * Builds and signs a CSR.
     *
     * @throws PsaException from the signer, or {@code PSA_ERROR_GENERIC_ERROR} if it returns a signature that is not
     *                      64 bytes
     */
    public static DeviceCsr build(DeviceUuid uuid, String keyLabel, DevicePublicKey publicKey, TbsSigner signer)
            throws PsaException {
        CertificationRequestInfo info = info(uuid, keyLabel, publicKey);
        byte[] tbs = encode(info);
        byte[] raw = signer.signTbs(tbs);
        if (raw == null || raw.length != HukServices.SIGNATURE_SIZE) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "the signer returned "
                    + (raw == null ? "nothing" : raw.length + " bytes") + " instead of a 64-byte r||s signature");
        }
        ASN1Encodable sig = new DERSequence(new ASN1Integer[] {
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, 32))),
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)))});
        CertificationRequest req = new CertificationRequest(
                info,
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256, DERNull.INSTANCE),
                new DERBitString(encode(sig)));
        return new DeviceCsr(encode(req), subjectString(uuid, keyLabel));
    }

    private static byte[] encode(ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded("DER");
        } catch (IOException ex) {
            throw new UncheckedIOException("DER encoding failed", ex);
        }
    }

    /** The subject string, as printed by {@code keys csr}. */
    public String subject() {
        return subject;
    }

    /** The DER CSR. */
    public byte[] der() {
        return der.clone();
    }

    /** As a BouncyCastle PKCS#10 request (to verify or inspect it). */
    public PKCS10CertificationRequest toPkcs10() {
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException e) {
            throw new IllegalStateException("the CSR this class wrote does not parse", e);
        }
    }

    /** The PEM lines (no newlines). */
    public List<String> pemLines() {
        return Pem.lines(PEM_LABEL, der);
    }

    /** The PEM text: header, base64 in 64-character lines, footer, each line ending with a newline. */
    public String pem() {
        return Pem.text(PEM_LABEL, der);
    }

    /**
     * The firmware's JSON form {@code {"CSR":"<PEM>"}}, escaped as Zephyr's JSON encoder does (quote, backslash and
     * the control characters {@code \b \f \n \r \t}).
     */
    public String json() {
        return "{\"CSR\":\"" + jsonEscape(pem()) + "\"}";
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The bootstrap server's form ({@code x509_csr_cbor}): a CBOR array of one byte string holding the DER, with the
     * shortest length encoding ({@code 81 58 <len8>} or {@code 81 59 <len16>}).
     */
    public byte[] cbor() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(der.length + 4);
        out.write(0x81);
        int n = der.length;
        // CBOR major type 2 (byte string) head, RFC 8949 §3.1: the shortest argument encoding.
        if (n < 24) {
            out.write(0x40 | n);
        } else if (n < 0x100) {
            out.write(0x58);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x59);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x5a);
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
        out.write(der, 0, n);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "DeviceCsr[" + subject + ", " + der.length + " bytes]";
    }
}
