package io.github.cai4j.cloud.internal;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cloud.CaStatus;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DevicePublicKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The bootstrap CA's checks of a {@code POST /api/v1/cr} body, in order: the firmware's CBOR framing (an array of one
 * byte string), DER PKCS#10, a valid P-256 key, an ecdsa-with-SHA256 self-signature that verifies, and the subject
 * {@code O=<organisation>,CN=<uuid>,OU=<key label>} with a lower-case version 4 UUID and one of the firmware's key
 * labels.
 */
public final class CsrCheck {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    /**
     * The outcome; on {@link CaStatus#OK} every field is set.
     *
     * @param status    what was found
     * @param detail    why a request was refused (safe to log: no secrets, only structure)
     * @param uuid      the device UUID (CN)
     * @param key       the device key (from OU)
     * @param publicKey the key to certify
     * @param subject   the subject to put in the certificate
     */
    public record Result(CaStatus status, String detail, String uuid, DeviceKey key, DevicePublicKey publicKey,
                         X500Name subject) {
        static Result refuse(CaStatus s, String detail) {
            return new Result(s, detail, null, null, null, null);
        }
    }

    private CsrCheck() {
    }

    /** Checks a request body. */
    public static Result check(byte[] body, String organisation) {
        CBORObject o;
        try {
            o = CBORObject.DecodeFromBytes(body);
        } catch (CBORException | IllegalArgumentException e) {
            return Result.refuse(CaStatus.MALFORMED_CBOR, "body of " + body.length + " bytes is not one CBOR item");
        }
        if (o.getType() != CBORType.Array || o.size() != 1 || o.get(0).getType() != CBORType.ByteString
                || o.isTagged()) {
            return Result.refuse(CaStatus.MALFORMED_CBOR, "body is not a CBOR array of one byte string");
        }
        return checkDer(o.get(0).GetByteString(), organisation);
    }

    /** Checks a DER CSR (without the CBOR framing). */
    public static Result checkDer(byte[] der, String organisation) {
        CertificationRequest req;
        try {
            req = CertificationRequest.getInstance(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der));
            if (req == null || req.getCertificationRequestInfo() == null) {
                return Result.refuse(CaStatus.MALFORMED_CSR, "empty CSR");
            }
            req.getCertificationRequestInfo().getSubject();
        } catch (IOException | RuntimeException e) {
            return Result.refuse(CaStatus.MALFORMED_CSR, "CSR of " + der.length + " bytes is not DER PKCS#10");
        }
        SubjectPublicKeyInfo spki = req.getCertificationRequestInfo().getSubjectPublicKeyInfo();
        if (spki == null) {
            return Result.refuse(CaStatus.MALFORMED_CSR, "CSR has no public key");
        }
        AlgorithmIdentifier keyAlg = spki.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(keyAlg.getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(keyAlg.getParameters())) {
            return Result.refuse(CaStatus.WRONG_KEY_TYPE, "key algorithm " + keyAlg.getAlgorithm().getId()
                    + (keyAlg.getParameters() == null ? "" : " / " + keyAlg.getParameters()));
        }
        DevicePublicKey pub;
        try {
            pub = DevicePublicKey.fromUncompressedPoint(spki.getPublicKeyData().getOctets());
        } catch (IllegalArgumentException e) {
            return Result.refuse(CaStatus.WRONG_KEY_TYPE, "the public key is not a valid uncompressed P-256 point");
        }
        AlgorithmIdentifier sigAlg = req.getSignatureAlgorithm();
        ASN1Encodable params = sigAlg.getParameters();
        if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(sigAlg.getAlgorithm())
                || (params != null && !(params instanceof ASN1Null))) {
            return Result.refuse(CaStatus.BAD_SIGNATURE, "signature algorithm " + sigAlg.getAlgorithm().getId()
                    + " is not ecdsa-with-SHA256");
        }
        try {
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(pub.toJca());
            v.update(req.getCertificationRequestInfo().getEncoded("DER"));
            if (!v.verify(req.getSignature().getOctets())) {
                return Result.refuse(CaStatus.BAD_SIGNATURE, "the self-signature does not verify");
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return Result.refuse(CaStatus.BAD_SIGNATURE, "the self-signature does not verify (not a DER ECDSA "
                    + "signature)");
        }
        X500Name subject = req.getCertificationRequestInfo().getSubject();
        RDN[] rdns = subject.getRDNs();
        if (rdns.length != 3 || rdns[0].isMultiValued() || rdns[1].isMultiValued() || rdns[2].isMultiValued()) {
            return Result.refuse(CaStatus.WRONG_SUBJECT, "subject must be O=…,CN=<uuid>,OU=<key label>, got "
                    + printable(subject));
        }
        String o = value(rdns[0], BCStyle.O);
        String cn = value(rdns[1], BCStyle.CN);
        String ou = value(rdns[2], BCStyle.OU);
        if (o == null || cn == null || ou == null) {
            return Result.refuse(CaStatus.WRONG_SUBJECT, "subject must be O=…,CN=<uuid>,OU=<key label>, got "
                    + printable(subject));
        }
        if (!o.equals(organisation)) {
            return Result.refuse(CaStatus.WRONG_SUBJECT, "organisation must be " + organisation);
        }
        if (!UUID.matcher(cn).matches()) {
            return Result.refuse(CaStatus.WRONG_SUBJECT, "CN is not a lower-case version 4 UUID");
        }
        DeviceKey key = null;
        for (DeviceKey k : DeviceKey.values()) {
            if (k.label().equals(ou)) {
                key = k;
            }
        }
        if (key == null) {
            return Result.refuse(CaStatus.WRONG_SUBJECT, "OU is not a device key label");
        }
        return new Result(CaStatus.OK, "", cn, key, pub, subject);
    }

    private static String value(RDN rdn, ASN1ObjectIdentifier type) {
        AttributeTypeAndValue a = rdn.getFirst();
        if (!a.getType().equals(type) || !(a.getValue() instanceof ASN1String s)) {
            return null;
        }
        return s.getString();
    }

    /** The subject for a log line, with anything unprintable replaced and the length bounded. */
    private static String printable(X500Name n) {
        String s = n.toString();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
