package io.github.cai4j.cose.examples;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseSigner;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.Countersignature;
import io.github.cai4j.cose.DecryptionKey;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.EdDsaSigner;
import io.github.cai4j.cose.Encrypt0Message;
import io.github.cai4j.cose.EncryptMessage;
import io.github.cai4j.cose.Headers;
import io.github.cai4j.cose.KdfInfo;
import io.github.cai4j.cose.KeyAgreement;
import io.github.cai4j.cose.Mac0Message;
import io.github.cai4j.cose.MacMessage;
import io.github.cai4j.cose.Recipient;
import io.github.cai4j.cose.RecipientSpec;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.SignMessage;
import io.github.cai4j.cose.internal.Json;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.KeyType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one vector in the cose-wg Examples JSON format: the published {@code output.cbor} is decoded and
 * verified or decrypted with the vector's keys (a vector marked {@code fail} must be rejected); signed and MACed
 * vectors are then re-created and compared byte for byte (ECDSA with deterministic k, cose.md §5), encrypted
 * vectors are re-created from the recorded random stream and must at least decrypt again. Vectors that need an
 * algorithm or feature outside this library are skipped with the reason named.
 */
public final class ExampleChecker {
    /** Outcome of one vector. */
    public enum Outcome { PASS, FAIL, SKIP }

    /**
     * The result of one vector.
     *
     * @param outcome pass, fail or skip
     * @param reason  what was checked, or why it failed or was skipped
     */
    public record Result(Outcome outcome, String reason) {
    }

    /** Algorithm names used by the Examples, mapped to identifiers. */
    private static final Map<String, Integer> ALG_IDS = new LinkedHashMap<>();
    /** Registered algorithms this library deliberately does not implement. */
    private static final Set<String> UNSUPPORTED = Set.of("AES-CCM-16-64-128", "AES-CCM-16-64-256",
            "AES-CCM-64-64-128", "AES-CCM-64-64-256", "AES-CCM-16-128-128", "AES-CCM-16-128-256",
            "AES-CCM-64-128-128", "AES-CCM-64-128-256", "AES-CCM-16-128/64", "AES-CCM-16-256/64",
            "AES-CCM-64-128/64", "AES-CCM-64-256/64", "AES-CCM-16-128/128", "AES-CCM-16-256/128",
            "AES-CCM-64-128/128", "AES-CCM-64-256/128", "AES-MAC-128/64", "AES-MAC-256/64", "AES-MAC-128/128",
            "AES-MAC-256/128", "HKDF-AES-128", "HKDF-AES-256", "PS256", "PS384", "PS512", "RSA-OAEP",
            "RSA-OAEP-256", "RSA-OAEP-512", "HSS-LMS");

    static {
        ALG_IDS.put("ES256", -7);
        ALG_IDS.put("ES384", -35);
        ALG_IDS.put("ES512", -36);
        ALG_IDS.put("EdDSA", -8);
        ALG_IDS.put("HS256/64", 4);
        ALG_IDS.put("HS256", 5);
        ALG_IDS.put("HS384", 6);
        ALG_IDS.put("HS512", 7);
        ALG_IDS.put("A128GCM", 1);
        ALG_IDS.put("A192GCM", 2);
        ALG_IDS.put("A256GCM", 3);
        ALG_IDS.put("ChaCha-Poly1305", 24);
        ALG_IDS.put("direct", -6);
        ALG_IDS.put("A128KW", -3);
        ALG_IDS.put("A192KW", -4);
        ALG_IDS.put("A256KW", -5);
        ALG_IDS.put("HKDF-HMAC-SHA-256", -10);
        ALG_IDS.put("HKDF-HMAC-SHA-512", -11);
        ALG_IDS.put("ECDH-ES", -25);
        ALG_IDS.put("ECDH-ES-256", -25);
        ALG_IDS.put("ECDH-ES-512", -26);
        ALG_IDS.put("ECDH-SS", -27);
        ALG_IDS.put("ECDH-SS-256", -27);
        ALG_IDS.put("ECDH-SS-512", -28);
        for (String m : new String[] {"ES", "SS"}) {
            int base = m.equals("ES") ? -29 : -32;
            for (int i = 0; i < 3; i++) {
                String kw = "A" + (128 + 64 * i) + "KW";
                ALG_IDS.put("ECDH-" + m + "-" + kw, base - i);
                ALG_IDS.put("ECDH-" + m + "+" + kw, base - i);
            }
        }
        ALG_IDS.put("-999", -999);
    }

    private ExampleChecker() {
    }

    /** Checks a vector file; never throws. */
    public static Result check(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new Result(Outcome.FAIL, "cannot read: " + e.getMessage());
        }
        return check(text);
    }

    /** Checks a vector given as JSON text; never throws. */
    public static Result check(String json) {
        try {
            Object root = Json.parse(json);
            return checkParsed(map(root, "vector"));
        } catch (CoseException e) {
            return new Result(Outcome.FAIL, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(Outcome.FAIL, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ dispatch

    private static Result checkParsed(Map<String, Object> v) throws CoseException {
        Map<String, Object> input = map(v.get("input"), "input");
        boolean fail = Boolean.TRUE.equals(v.get("fail"));
        Map<String, Object> output = map(v.get("output"), "output");
        Object cborHex = output.get("cbor");
        if (!(cborHex instanceof String)) {
            return new Result(Outcome.SKIP, "no output.cbor");
        }
        byte[] out = hex((String) cborHex);
        String skip = unsupported(input);
        if (skip != null) {
            return new Result(Outcome.SKIP, skip);
        }
        byte[] plaintext = input.containsKey("plaintext_hex") ? hex(str(input.get("plaintext_hex")))
                : str(input.get("plaintext")).getBytes(StandardCharsets.UTF_8);
        boolean mutated = input.containsKey("failures");
        byte[] rng = rngStream(input);
        String kind;
        Check c;
        if (input.containsKey("sign0")) {
            kind = "sign0";
            c = checkSign1(map(input.get("sign0"), "sign0"), out, plaintext, !mutated && !fail);
        } else if (input.containsKey("sign")) {
            kind = "sign";
            c = checkSign(map(input.get("sign"), "sign"), out, plaintext, !mutated && !fail);
        } else if (input.containsKey("mac0")) {
            kind = "mac0";
            c = checkMac0(map(input.get("mac0"), "mac0"), out, plaintext, !mutated && !fail);
        } else if (input.containsKey("mac")) {
            kind = "mac";
            c = checkMac(map(input.get("mac"), "mac"), out, plaintext, !mutated && !fail ? rng : null);
        } else if (input.containsKey("encrypted")) {
            kind = "encrypted";
            c = checkEncrypt0(map(input.get("encrypted"), "encrypted"), out, plaintext,
                    !mutated && !fail ? rng : null);
        } else if (input.containsKey("enveloped")) {
            kind = "enveloped";
            c = checkEncrypt(map(input.get("enveloped"), "enveloped"), out, plaintext,
                    !mutated && !fail ? rng : null);
        } else {
            return new Result(Outcome.SKIP, "no sign0/sign/mac0/mac/encrypted/enveloped input");
        }
        if (fail) {
            return c.accepted ? new Result(Outcome.FAIL, kind + ": a failing vector was accepted")
                    : new Result(Outcome.PASS, kind + ": rejected as expected (" + c.note + ")");
        }
        if (!c.accepted) {
            return new Result(Outcome.FAIL, kind + ": " + c.note);
        }
        if (c.recreateError != null) {
            return new Result(Outcome.FAIL, kind + ": verified, but re-creating failed: " + c.recreateError);
        }
        return new Result(Outcome.PASS, kind + ": " + c.note + (c.recreateNote == null ? "" : "; " + c.recreateNote));
    }

    /** What one check found. */
    private static final class Check {
        boolean accepted;
        boolean countersigned;
        String note;
        String recreateNote;
        String recreateError;

        static Check rejected(String why) {
            Check c = new Check();
            c.note = why;
            return c;
        }

        static Check accepted(String what) {
            Check c = new Check();
            c.accepted = true;
            c.note = what;
            return c;
        }
    }

    // ------------------------------------------------------------------ skips

    private static String unsupported(Map<String, Object> input) throws CoseException {
        List<String> found = new ArrayList<>();
        collect(input, found);
        for (String f : found) {
            if (f.startsWith("alg:") && UNSUPPORTED.contains(f.substring(4))) {
                return "algorithm " + f.substring(4) + " is not supported";
            }
            if (f.equals("crv:Ed448") || f.equals("crv:X448")) {
                return "curve " + f.substring(4) + " is not supported";
            }
        }
        return null;
    }

    private static void collect(Object o, List<String> found) {
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if ((k.equals("alg") || k.equals("crv")) && e.getValue() instanceof String s) {
                    found.add(k + ":" + s);
                }
                collect(e.getValue(), found);
            }
        } else if (o instanceof List<?> l) {
            for (Object x : l) {
                collect(x, found);
            }
        }
    }

    // ------------------------------------------------------------------ Sign1 / Sign

    private static Check checkSign1(Map<String, Object> s, byte[] out, byte[] plaintext, boolean recreate)
            throws CoseException {
        CoseKey key = key(s.get("key"));
        byte[] aad = external(s);
        Check c;
        try {
            Sign1Message m = Sign1Message.decode(out);
            if (!MessageDigest.isEqual(m.payload().orElse(new byte[0]), plaintext)) {
                return Check.rejected("payload differs from the plaintext");
            }
            c = m.verify(verifier(key, m.algorithm()), aad) ? Check.accepted("signature verified")
                    : Check.rejected("signature did not verify");
            countersignatures(c, s, m.unprotectedHeaders(), m.protectedBytes(), m.payload().orElseThrow());
        } catch (CoseException e) {
            return Check.rejected(e.getMessage());
        }
        if (recreate && c.accepted && !c.countersigned) {
            try {
                Sign1Message m = Sign1Message.sign(headers(s.get("protected")), headers(s.get("unprotected")),
                        plaintext, aad, false, signer(key, algorithm(s)));
                compare(c, m.encode(), out);
            } catch (CoseException | RuntimeException e) {
                c.recreateError = e.getMessage();
            }
        }
        return c;
    }

    private static Check checkSign(Map<String, Object> s, byte[] out, byte[] plaintext, boolean recreate)
            throws CoseException {
        List<Object> signers = list(s.get("signers"), "signers");
        byte[] aad = external(s);
        Check c;
        try {
            SignMessage m = SignMessage.decode(out);
            if (!MessageDigest.isEqual(m.payload().orElse(new byte[0]), plaintext)) {
                return Check.rejected("payload differs from the plaintext");
            }
            if (m.signatures().size() != signers.size()) {
                return Check.rejected("expected " + signers.size() + " signatures, found " + m.signatures().size());
            }
            c = Check.accepted(signers.size() + " signature(s) verified");
            for (int i = 0; i < signers.size(); i++) {
                Map<String, Object> sg = map(signers.get(i), "signer");
                CoseKey key = key(sg.get("key"));
                byte[] signerAad = sg.containsKey("external") ? external(sg) : aad;
                SignMessage.Signature sig = m.signatures().get(i);
                if (!m.verify(i, verifier(key, sig.algorithm()), signerAad)) {
                    return Check.rejected("signature " + i + " did not verify");
                }
                countersignatures(c, sg, sig.unprotectedHeaders(), sig.protectedBytes(), sig.signature());
            }
            countersignatures(c, s, m.unprotectedHeaders(), m.protectedBytes(), m.payload().orElseThrow());
        } catch (CoseException e) {
            return Check.rejected(e.getMessage());
        }
        if (recreate && c.accepted && !c.countersigned) {
            try {
                List<SignMessage.SignerSpec> specs = new ArrayList<>();
                for (Object o : signers) {
                    Map<String, Object> sg = map(o, "signer");
                    specs.add(new SignMessage.SignerSpec(signer(key(sg.get("key")), algorithm(sg)),
                            headers(sg.get("protected")), headers(sg.get("unprotected"))));
                }
                Map<String, Object> first = map(signers.get(0), "signer");
                byte[] signAad = signers.size() == 1 && first.containsKey("external") ? external(first) : aad;
                SignMessage m = SignMessage.sign(headers(s.get("protected")), headers(s.get("unprotected")),
                        plaintext, signAad, false, specs);
                compare(c, m.encode(), out);
            } catch (CoseException | RuntimeException e) {
                c.recreateError = e.getMessage();
            }
        }
        return c;
    }

    /**
     * Verifies the RFC 8152 countersignatures a layer of the vector declares ({@code countersign} for header 7,
     * {@code countersign0} for header 9) over the decoded target.
     */
    private static void countersignatures(Check c, Map<String, Object> layer, Headers unprotected, byte[] prot,
            byte[] content) throws CoseException {
        if (!c.accepted) {
            return;
        }
        if (layer.get("countersign") instanceof Map<?, ?>) {
            List<Object> signers = list(map(layer.get("countersign"), "countersign").get("signers"), "signers");
            List<Countersignature> found = Countersignature.of(unprotected);
            if (found.size() != signers.size()) {
                c.accepted = false;
                c.note = "expected " + signers.size() + " countersignature(s), found " + found.size();
                return;
            }
            for (int i = 0; i < found.size(); i++) {
                CoseKey key = key(map(signers.get(i), "countersigner").get("key"));
                if (!found.get(i).verify(verifier(key, found.get(i).algorithm()), prot, content, null)) {
                    c.accepted = false;
                    c.note = "countersignature " + i + " did not verify";
                    return;
                }
            }
            c.countersigned = true;
            c.note += " + " + found.size() + " countersignature(s)";
        }
        if (layer.get("countersign0") instanceof Map<?, ?>) {
            List<Object> signers = list(map(layer.get("countersign0"), "countersign0").get("signers"), "signers");
            Map<String, Object> cs = map(signers.get(0), "countersigner");
            Algorithm alg = algorithm(map(cs.get("unsent"), "unsent"));
            if (alg == null || !Countersignature.verify0(unprotected, verifier(key(cs.get("key")), alg), prot,
                    content, null)) {
                c.accepted = false;
                c.note = "countersignature0 did not verify";
                return;
            }
            c.countersigned = true;
            c.note += " + countersignature0";
        }
    }

    private static CoseSigner signer(CoseKey key, Algorithm alg) throws CoseException {
        if (key.type() != KeyType.EC2) {
            return EdDsaSigner.of(key);
        }
        return alg == null ? EcdsaSigner.deterministic(key) : EcdsaSigner.deterministic(key, alg);
    }

    private static CoseVerifier verifier(CoseKey key, Algorithm alg) throws CoseException {
        if (key.type() == KeyType.EC2 && alg.kind() == Algorithm.Kind.SIGNATURE && alg != Algorithm.EDDSA) {
            return EcdsaVerifier.of(key.publicOnly(), alg);
        }
        return CoseVerifier.forKey(key.publicOnly());
    }

    /** The algorithm a signer entry names (in its headers or its {@code alg} member), if any. */
    private static Algorithm algorithm(Map<String, Object> s) throws CoseException {
        for (String h : new String[] {"protected", "unprotected"}) {
            if (s.get(h) instanceof Map<?, ?> m && m.get("alg") instanceof String name) {
                Integer id = ALG_IDS.get(name);
                return id == null ? null : Algorithm.fromId(id).orElse(null);
            }
        }
        if (s.get("alg") instanceof String name) {
            Integer id = ALG_IDS.get(name);
            return id == null ? null : Algorithm.fromId(id).orElse(null);
        }
        return null;
    }

    private static void compare(Check c, byte[] recreated, byte[] out) {
        if (MessageDigest.isEqual(recreated, out)) {
            c.recreateNote = "re-created byte for byte";
        } else {
            c.recreateError = "re-created bytes differ: " + HexFormat.of().formatHex(recreated);
        }
    }

    // ------------------------------------------------------------------ Mac0 / Mac

    private static Check checkMac0(Map<String, Object> s, byte[] out, byte[] plaintext, boolean recreate)
            throws CoseException {
        Map<String, Object> r = map(list(s.get("recipients"), "recipients").get(0), "recipient");
        CoseKey key = key(r.get("key"));
        byte[] aad = external(s);
        Check c;
        try {
            Mac0Message m = Mac0Message.decode(out);
            if (!MessageDigest.isEqual(m.payload().orElse(new byte[0]), plaintext)) {
                return Check.rejected("payload differs from the plaintext");
            }
            c = m.verify(key, aad) ? Check.accepted("tag verified") : Check.rejected("tag did not verify");
            countersignatures(c, s, m.unprotectedHeaders(), m.protectedBytes(), m.payload().orElseThrow());
        } catch (CoseException e) {
            return Check.rejected(e.getMessage());
        }
        if (recreate && c.accepted && !c.countersigned) {
            try {
                Mac0Message m = Mac0Message.create(headers(s.get("protected")), headers(s.get("unprotected")),
                        plaintext, aad, false, key);
                compare(c, m.encode(), out);
            } catch (CoseException | RuntimeException e) {
                c.recreateError = e.getMessage();
            }
        }
        return c;
    }

    private static Check checkMac(Map<String, Object> s, byte[] out, byte[] plaintext, byte[] rng)
            throws CoseException {
        List<Object> rs = list(s.get("recipients"), "recipients");
        byte[] aad = external(s);
        DecryptionKey dk = decryptionKey(rs);
        Check c;
        MacMessage decoded;
        try {
            decoded = MacMessage.decode(out);
            if (!MessageDigest.isEqual(decoded.payload().orElse(new byte[0]), plaintext)) {
                return Check.rejected("payload differs from the plaintext");
            }
            c = decoded.verify(dk, aad) ? Check.accepted("tag verified through the recipient")
                    : Check.rejected("tag did not verify");
            countersignatures(c, s, decoded.unprotectedHeaders(), decoded.protectedBytes(),
                    decoded.payload().orElseThrow());
        } catch (CoseException e) {
            return Check.rejected(e.getMessage());
        }
        if (rng != null && recreatable(rs) && c.accepted && !c.countersigned) {
            try {
                MacMessage m = MacMessage.create(headers(s.get("protected")), headers(s.get("unprotected")),
                        plaintext, aad, false, specs(rs), new StreamRandom(rng));
                roundTrip(c, m.encode(), out, MacMessage.decode(m.encode()).verify(dk, aad));
            } catch (CoseException | RuntimeException e) {
                c.recreateError = e.getMessage();
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ Encrypt0 / Encrypt

    private static Check checkEncrypt0(Map<String, Object> s, byte[] out, byte[] plaintext, byte[] rng)
            throws CoseException {
        Map<String, Object> r = map(list(s.get("recipients"), "recipients").get(0), "recipient");
        CoseKey key = key(r.get("key"));
        byte[] aad = external(s);
        byte[] baseIv = baseIv(s);
        Check c;
        try {
            Encrypt0Message m = Encrypt0Message.decode(out);
            c = decrypted(m.decrypt(key, aad, baseIv), plaintext);
            countersignatures(c, s, m.unprotectedHeaders(), m.protectedBytes(), m.ciphertext().orElseThrow());
        } catch (CoseException e) {
            return Check.rejected(e.getMessage());
        }
        if (rng != null && baseIv == null && c.accepted && !c.countersigned) {
            try {
                Encrypt0Message m = Encrypt0Message.encrypt(headers(s.get("protected")),
                        headers(s.get("unprotected")), plaintext, aad, key, new StreamRandom(rng));
                byte[] enc = m.encode();
                roundTrip(c, enc, out, Encrypt0Message.decode(enc).decrypt(key, aad)
                        .map(p -> MessageDigest.isEqual(p, plaintext)).orElse(false));
            } catch (CoseException | RuntimeException e) {
                c.recreateError = e.getMessage();
            }
        }
        return c;
    }

    private static Check checkEncrypt(Map<String, Object> s, byte[] out, byte[] plaintext, byte[] rng)
            throws CoseException {
        List<Object> rs = list(s.get("recipients"), "recipients");
        byte[] aad = external(s);
        DecryptionKey dk = decryptionKey(rs);
        byte[] baseIv = baseIv(s);
        if (baseIv != null) {
            dk = dk.withBaseIv(baseIv);
        }
        Check c;
        try {
            EncryptMessage m = EncryptMessage.decode(out);
            c = decrypted(m.decrypt(dk, aad), plaintext);
            countersignatures(c, s, m.unprotectedHeaders(), m.protectedBytes(), m.ciphertext().orElseThrow());
            for (int i = 0; i < rs.size() && i < m.recipients().size(); i++) {
                Recipient r = m.recipients().get(i);
                countersignatures(c, map(rs.get(i), "recipient"), r.unprotectedHeaders(), r.protectedBytes(),
                        r.ciphertext());
            }
        } catch (CoseException e) {
            return Check.rejected(e.getMessage());
        }
        if (rng != null && baseIv == null && recreatable(rs) && c.accepted && !c.countersigned) {
            try {
                EncryptMessage m = EncryptMessage.encrypt(headers(s.get("protected")), headers(s.get("unprotected")),
                        plaintext, aad, specs(rs), new StreamRandom(rng));
                byte[] enc = m.encode();
                roundTrip(c, enc, out, EncryptMessage.decode(enc).decrypt(dk, aad)
                        .map(p -> MessageDigest.isEqual(p, plaintext)).orElse(false));
            } catch (CoseException | RuntimeException e) {
                c.recreateError = e.getMessage();
            }
        }
        return c;
    }

    private static Check decrypted(java.util.Optional<byte[]> p, byte[] plaintext) {
        if (p.isEmpty()) {
            return Check.rejected("did not decrypt (authentication failed)");
        }
        return MessageDigest.isEqual(p.get(), plaintext) ? Check.accepted("decrypted to the plaintext")
                : Check.rejected("decrypted to a different plaintext");
    }

    private static void roundTrip(Check c, byte[] recreated, byte[] out, boolean opens) {
        if (MessageDigest.isEqual(recreated, out)) {
            c.recreateNote = "re-created byte for byte";
        } else if (opens) {
            c.recreateNote = "re-created (different bytes) and opened again";
        } else {
            c.recreateError = "the re-created message does not open";
        }
    }

    private static boolean recreatable(List<Object> rs) throws CoseException {
        for (Object o : rs) {
            Map<String, Object> r = map(o, "recipient");
            if (r.containsKey("recipients")) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ keys and recipients

    private static DecryptionKey decryptionKey(List<Object> rs) throws CoseException {
        Map<String, Object> r = map(rs.get(0), "recipient");
        while (!r.containsKey("key") && r.containsKey("recipients")) {
            r = map(list(r.get("recipients"), "recipients").get(0), "recipient");
        }
        CoseKey key = key(r.get("key"));
        DecryptionKey dk = DecryptionKey.of(key);
        if (r.containsKey("sender_key")) {
            dk = dk.withSenderPublicKey(key(r.get("sender_key")).publicOnly());
        }
        return dk.withKdfInfo(kdfInfo(r));
    }

    private static KdfInfo kdfInfo(Map<String, Object> r) throws CoseException {
        Object u = r.get("unsent");
        if (!(u instanceof Map<?, ?>)) {
            return KdfInfo.NONE;
        }
        Map<String, Object> m = map(u, "unsent");
        return new KdfInfo(textOrHex(m, "apu_id"), textOrHex(m, "apu_nonce"), textOrHex(m, "apu_other"),
                textOrHex(m, "apv_id"), textOrHex(m, "apv_nonce"), textOrHex(m, "apv_other"),
                textOrHex(m, "pub_other"), textOrHex(m, "priv_other"));
    }

    private static byte[] textOrHex(Map<String, Object> m, String name) throws CoseException {
        if (m.containsKey(name + "_hex")) {
            return hex(str(m.get(name + "_hex")));
        }
        return m.containsKey(name) ? str(m.get(name)).getBytes(StandardCharsets.UTF_8) : null;
    }

    private static List<RecipientSpec> specs(List<Object> rs) throws CoseException {
        List<RecipientSpec> out = new ArrayList<>();
        for (Object o : rs) {
            Map<String, Object> r = map(o, "recipient");
            CoseKey key = key(r.get("key"));
            Headers prot = headers(r.get("protected"));
            Headers unprot = headers(r.get("unprotected"));
            Algorithm alg = prot.contains(1) ? prot.algorithm().orElseThrow() : unprot.algorithm().orElseThrow();
            KdfInfo info = kdfInfo(r);
            RecipientSpec spec;
            if (alg == Algorithm.DIRECT) {
                spec = RecipientSpec.direct(key, unprot);
            } else if (alg == Algorithm.A128KW || alg == Algorithm.A192KW || alg == Algorithm.A256KW) {
                spec = RecipientSpec.keyWrap(alg, key, unprot);
            } else if (alg == Algorithm.DIRECT_HKDF_SHA_256 || alg == Algorithm.DIRECT_HKDF_SHA_512) {
                spec = RecipientSpec.directHkdf(alg, key, prot, unprot, info);
            } else if (alg.isEcdhStatic()) {
                spec = RecipientSpec.ecdhSs(alg, KeyAgreement.of(key(r.get("sender_key"))), key.publicOnly(), prot,
                        unprot, info);
            } else {
                spec = RecipientSpec.ecdhEs(alg, key.publicOnly(), prot, unprot, info);
            }
            out.add(spec);
        }
        return out;
    }

    /** A vector key (JWK members, with {@code *_hex} variants). */
    private static CoseKey key(Object o) throws CoseException {
        Map<String, Object> m = map(o, "key");
        Map<String, Object> jwk = new LinkedHashMap<>();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String k = e.getKey();
            if (k.endsWith("_hex") && !k.equals("kid_hex")) {
                jwk.put(k.substring(0, k.length() - 4), b64.encodeToString(hex(str(e.getValue()))));
            } else if (!k.equals("kid_hex") && !k.equals("use")) {
                jwk.put(k, e.getValue());
            }
        }
        CoseKey key = CoseKey.fromJwk(jwk);
        if (m.containsKey("kid_hex")) {
            key = key.withKid(hex(str(m.get("kid_hex"))));
        }
        return key;
    }

    /** Header maps of the Examples format, in the order given. */
    private static Headers headers(Object o) throws CoseException {
        Headers.Builder b = Headers.builder().keepInsertionOrder();
        if (o == null) {
            return b.build();
        }
        // the Examples generator writes kid after the other parameters
        List<Map.Entry<String, Object>> entries = new ArrayList<>(map(o, "header").entrySet());
        entries.sort((a, c) -> Boolean.compare(a.getKey().startsWith("kid"), c.getKey().startsWith("kid")));
        for (Map.Entry<String, Object> e : entries) {
            String name = e.getKey();
            Object v = e.getValue();
            switch (name) {
                case "alg" -> {
                    Integer id = ALG_IDS.get(str(v));
                    if (id == null) {
                        throw new CoseException("unknown algorithm name " + v);
                    }
                    b.put(1, id);
                }
                case "kid" -> b.put(4, str(v).getBytes(StandardCharsets.UTF_8));
                case "kid_hex" -> b.put(4, hex(str(v)));
                case "ctyp" -> {
                    if (v instanceof Long l) {
                        b.put(3, l);
                    } else {
                        b.put(3, str(v));
                    }
                }
                case "IV_hex" -> b.put(5, hex(str(v)));
                case "partialIV_hex" -> b.put(6, hex(str(v)));
                case "salt" -> b.put(-20, str(v).getBytes(StandardCharsets.UTF_8));
                case "apu_id" -> b.put(-21, str(v).getBytes(StandardCharsets.UTF_8));
                case "apu_nonce" -> b.put(-22, str(v).getBytes(StandardCharsets.UTF_8));
                case "apu_nonce_hex" -> b.put(-22, hex(str(v)));
                case "apu_other" -> b.put(-23, str(v).getBytes(StandardCharsets.UTF_8));
                case "apv_id" -> b.put(-24, str(v).getBytes(StandardCharsets.UTF_8));
                case "apv_nonce" -> b.put(-25, str(v).getBytes(StandardCharsets.UTF_8));
                case "apv_other" -> b.put(-26, str(v).getBytes(StandardCharsets.UTF_8));
                case "spk_kid" -> b.put(-3, str(v).getBytes(StandardCharsets.UTF_8));
                case "epk" -> {
                    // the ephemeral key is generated from the random stream
                }
                case "crit" -> {
                    StringBuilder arr = new StringBuilder();
                    List<Object> l = list(v, "crit");
                    ByteArrayOutputStream enc = new ByteArrayOutputStream();
                    enc.write(0x80 | l.size());
                    for (Object x : l) {
                        byte[] t = str(x).getBytes(StandardCharsets.UTF_8);
                        enc.write(0x60 | t.length);
                        enc.writeBytes(t);
                    }
                    arr.append(l);
                    b.putEncoded(2L, enc.toByteArray());
                }
                default -> {
                    if (v instanceof Boolean bool) {
                        b.putEncoded(name, new byte[] {(byte) (bool ? 0xf5 : 0xf4)});
                    } else {
                        throw new CoseException("unsupported header \"" + name + "\" in the vector");
                    }
                }
            }
        }
        return b.build();
    }

    private static byte[] baseIv(Map<String, Object> s) throws CoseException {
        Object u = s.get("unsent");
        if (!(u instanceof Map<?, ?>)) {
            return null;
        }
        Map<String, Object> m = map(u, "unsent");
        if (!m.containsKey("IV_hex")) {
            return null;
        }
        byte[] iv = hex(str(m.get("IV_hex")));
        Object up = s.get("unprotected");
        if (up instanceof Map<?, ?> um && um.containsKey("partialIV_hex")) {
            byte[] p = hex(str(um.get("partialIV_hex")));
            for (int i = 0; i < p.length; i++) {
                iv[iv.length - p.length + i] ^= p[i];
            }
        }
        return iv;
    }

    private static byte[] external(Map<String, Object> s) throws CoseException {
        return s.containsKey("external") ? hex(str(s.get("external"))) : new byte[0];
    }

    private static byte[] rngStream(Map<String, Object> input) throws CoseException {
        if (!input.containsKey("rng_stream")) {
            return new byte[0];
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object o : list(input.get("rng_stream"), "rng_stream")) {
            b.writeBytes(hex(str(o)));
        }
        return b.toByteArray();
    }

    // ------------------------------------------------------------------ JSON helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) throws CoseException {
        if (!(o instanceof Map<?, ?>)) {
            throw new CoseException("vector: " + what + " is not an object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String what) throws CoseException {
        if (!(o instanceof List<?>) || ((List<?>) o).isEmpty()) {
            throw new CoseException("vector: " + what + " is not a non-empty array");
        }
        return (List<Object>) o;
    }

    private static String str(Object o) throws CoseException {
        if (!(o instanceof String s)) {
            throw new CoseException("vector: expected a string, found " + o);
        }
        return s;
    }

    private static byte[] hex(String s) throws CoseException {
        try {
            return HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CoseException("vector: bad hex string");
        }
    }
}
