package io.github.cai4j.cose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.internal.CborWriter;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message types: round trips, options, and the structural checks of RFC 9052. */
class CoseMessagesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CONTENT = "content".getBytes(StandardCharsets.UTF_8);

    static CoseKey ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return CoseKey.fromKeyPair(g.generateKeyPair());
    }

    static CoseKey okp(String alg) throws Exception {
        return CoseKey.fromKeyPair(KeyPairGenerator.getInstance(alg).generateKeyPair());
    }

    static CoseKey sym(int n) throws CoseException {
        byte[] k = new byte[n];
        new SecureRandom().nextBytes(k);
        return CoseKey.symmetric(k);
    }

    @Test
    void headersAreWrittenInDeterministicOrder() throws CoseException {
        Headers h = Headers.builder().put(-65537, new byte[] {1}).kid(new byte[] {2}).contentType("t")
                .algorithm(Algorithm.ES256).put(-1, 5).build();
        assertEquals("a5012603617404410220053a000100004101", HEX.formatHex(h.encode()));
        Headers kept = Headers.builder().keepInsertionOrder().kid(new byte[] {2}).algorithm(Algorithm.ES256).build();
        assertEquals("a20441020126", HEX.formatHex(kept.encode()));
    }

    @Test
    void sign1TaggedUntaggedDetachedAndExternalAad() throws Exception {
        CoseKey key = ec("secp256r1");
        CoseVerifier v = CoseVerifier.forKey(key.publicOnly());
        byte[] aad = {9, 9};
        Sign1Message m = Sign1Message.sign(Headers.empty(), Headers.builder().kid(new byte[] {1}).build(), CONTENT,
                aad, false, EcdsaSigner.of(key));
        assertEquals(0xd2, m.encode()[0] & 0xff);
        assertTrue(Sign1Message.decode(m.encode(false)).verify(v, aad));
        assertFalse(Sign1Message.decode(m.encode()).verify(v, null));
        assertFalse(Sign1Message.decode(m.encode()).verify(CoseVerifier.forKey(ec("secp384r1").publicOnly()), aad));

        Sign1Message d = Sign1Message.sign(Headers.empty(), Headers.empty(), CONTENT, null, true, EdDsaSigner.of(
                okp("Ed25519")));
        Sign1Message dd = Sign1Message.decode(d.encode());
        assertTrue(dd.payload().isEmpty());
        assertThrows(CoseException.class, () -> dd.verify(v));
    }

    @Test
    void protectedHeaderIsVerifiedOverTheBytesReceived() throws Exception {
        CoseKey key = ec("secp256r1");
        // {4: h'01', 1: -7}: not in deterministic order, as another implementation may write it
        byte[] prot = HEX.parseHex("a20441010126");
        byte[] sig = EcdsaSigner.of(key).sign(Sign1Message.sigStructure(prot, null, CONTENT));
        byte[] msg = new CborWriter().tag(18).array(4).bytes(prot).map(0).bytes(CONTENT).bytes(sig).toByteArray();
        Sign1Message m = Sign1Message.decode(msg);
        assertTrue(m.verify(CoseVerifier.forKey(key.publicOnly())));
        assertArrayEquals(prot, m.protectedBytes());
        assertArrayEquals(msg, m.encode());
    }

    @Test
    void structuralProblemsThrowNamingTheElement() throws Exception {
        String sig = "5840" + "00".repeat(64);
        assertMessage("COSE_Sign1: unexpected CBOR tag", "d38443a10126a040" + sig);
        assertMessage("Duplicate", "d28445a2012601264040" + sig);
        assertMessage("label 1 in both", "d28443a10126a1012640" + sig);
        assertMessage("expected an array of 4", "d28343a10126a040");
        assertMessage("COSE_Sign1 signature: expected a byte string", "d28443a10126a04001");
        assertMessage("header alg (1): unsupported algorithm", "d28445a1013903e7a04040");
        StringBuilder deep = new StringBuilder("d28443a10126a1" + "04");
        deep.append("81".repeat(40)).append("00").append("40").append(sig);
        assertMessage("nesting deeper", deep.toString());
        assertThrows(CoseException.class, () -> Sign1Message.decode(new byte[100],
                new DecodeLimits(50, 16, 8, 8)));
        assertMessage("trailing", "d28443a10126a04040" + sig + "00");
    }

    private static void assertMessage(String fragment, String hex) {
        CoseException e = assertThrows(CoseException.class, () -> {
            Sign1Message m = Sign1Message.decode(HEX.parseHex(hex));
            m.algorithm();
        });
        assertTrue(e.getMessage().contains(fragment) || fragment.equals("trailing"),
                "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void signWithSeveralSigners() throws Exception {
        CoseKey a = ec("secp384r1");
        CoseKey b = okp("Ed25519");
        SignMessage m = SignMessage.decode(SignMessage.sign(Headers.builder().contentType(0).build(), Headers.empty(),
                CONTENT, null, false, List.of(SignMessage.SignerSpec.of(EcdsaSigner.of(a)),
                        SignMessage.SignerSpec.of(EdDsaSigner.of(b)))).encode());
        assertTrue(m.verify(0, CoseVerifier.forKey(a.publicOnly()), null));
        assertTrue(m.verify(1, CoseVerifier.forKey(b.publicOnly()), null));
        assertFalse(m.verify(0, CoseVerifier.forKey(b.publicOnly()), null));
        assertTrue(m.verifyAny(CoseVerifier.forKey(b.publicOnly()), null));
        assertFalse(m.verifyAny(CoseVerifier.forKey(okp("Ed25519").publicOnly()), null));
    }

    @Test
    void jcaSignerProducesRawSignatures() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp521r1"));
        var kp = g.generateKeyPair();
        Sign1Message m = Sign1Message.sign(CONTENT, JcaSigner.of(kp.getPrivate(), Algorithm.ES512));
        assertEquals(132, m.signature().length);
        assertTrue(m.verify(CoseVerifier.forPublicKey(kp.getPublic())));
    }

    @Test
    void mac0AndMac() throws Exception {
        CoseKey k = sym(32);
        Mac0Message m = Mac0Message.create(Algorithm.HMAC_256_64, CONTENT, k);
        assertEquals(8, m.tag().length);
        assertTrue(Mac0Message.decode(m.encode()).verify(k, null));
        assertFalse(Mac0Message.decode(m.encode()).verify(sym(32), null));
        CoseKey kek = sym(24);
        CoseKey r = ec("secp521r1");
        MacMessage mm = MacMessage.decode(MacMessage.create(Headers.builder().algorithm(Algorithm.HMAC_512_512)
                .build(), Headers.empty(), CONTENT, null, false, List.of(
                        RecipientSpec.keyWrap(Algorithm.A192KW, kek, Headers.empty()),
                        RecipientSpec.ecdhEs(Algorithm.ECDH_ES_A256KW, r.publicOnly(), Headers.empty(),
                                Headers.empty(), KdfInfo.NONE)), new SecureRandom()).encode());
        assertTrue(mm.verify(DecryptionKey.of(kek), null));
        assertTrue(mm.verify(DecryptionKey.of(r), null));
        assertFalse(mm.verify(DecryptionKey.of(sym(24)), null));
    }

    @Test
    void encrypt0ChaChaAndPartialIv() throws Exception {
        CoseKey k = sym(32);
        Encrypt0Message m = Encrypt0Message.encrypt(Algorithm.CHACHA20_POLY1305, CONTENT, k);
        assertArrayEquals(CONTENT, Encrypt0Message.decode(m.encode()).decrypt(k, null).orElseThrow());
        byte[] bad = m.encode();
        bad[bad.length - 1] ^= 1;
        assertTrue(Encrypt0Message.decode(bad).decrypt(k, null).isEmpty());

        CoseKey k16 = sym(16);
        byte[] base = HEX.parseHex("89f52f65a1c5809300000000");
        byte[] full = HEX.parseHex("89f52f65a1c58093000061a7");
        Encrypt0Message p = Encrypt0Message.encrypt(Headers.builder().algorithm(Algorithm.A128GCM).build(),
                Headers.builder().iv(full).build(), CONTENT, null, k16, new SecureRandom());
        byte[] ct = p.ciphertext().orElseThrow();
        byte[] withPartial = new CborWriter().tag(16).array(3).bytes(p.protectedBytes()).map(1).integer(6)
                .bytes(HEX.parseHex("61a7")).bytes(ct).toByteArray();
        assertArrayEquals(CONTENT, Encrypt0Message.decode(withPartial).decrypt(k16, null, base).orElseThrow());
        assertThrows(CoseException.class, () -> Encrypt0Message.decode(withPartial).decrypt(k16, null));
    }

    @Test
    void encryptToEveryRecipientKind() throws Exception {
        CoseKey kek = sym(16);
        CoseKey p256 = ec("secp256r1");
        CoseKey x25519 = okp("X25519");
        CoseKey sender = ec("secp256r1");
        EncryptMessage multi = EncryptMessage.decode(EncryptMessage.encrypt(Algorithm.A256GCM, CONTENT, List.of(
                RecipientSpec.keyWrap(Algorithm.A128KW, kek.withKid(new byte[] {1}),
                        Headers.builder().kid(new byte[] {1}).build()),
                RecipientSpec.ecdhEs(Algorithm.ECDH_ES_A128KW, p256.publicOnly(), Headers.empty(),
                        Headers.empty(), KdfInfo.NONE),
                RecipientSpec.ecdhSs(Algorithm.ECDH_SS_A192KW, KeyAgreement.of(sender), p256.publicOnly(),
                        Headers.empty(), Headers.empty(), KdfInfo.NONE))).encode());
        assertArrayEquals(CONTENT, multi.decrypt(DecryptionKey.of(kek), null).orElseThrow());
        assertArrayEquals(CONTENT, multi.decrypt(DecryptionKey.of(p256)
                .withSenderPublicKey(sender.publicOnly()), null).orElseThrow());

        KdfInfo info = new KdfInfo("u".getBytes(StandardCharsets.UTF_8), null, null, null, null, null,
                "pub".getBytes(StandardCharsets.UTF_8), null);
        for (RecipientSpec direct : List.of(
                RecipientSpec.direct(sym(16), Headers.empty()),
                RecipientSpec.directHkdf(Algorithm.DIRECT_HKDF_SHA_512, kek, Headers.empty(),
                        Headers.builder().put(HeaderLabel.SALT, new byte[] {1}).build(), info),
                RecipientSpec.ecdhEs(Algorithm.ECDH_ES_HKDF_512, x25519.publicOnly(), Headers.empty(),
                        Headers.empty(), KdfInfo.NONE),
                RecipientSpec.ecdhSs(Algorithm.ECDH_SS_HKDF_256, KeyAgreement.of(sender), p256.publicOnly(),
                        Headers.empty(), Headers.empty(), KdfInfo.NONE))) {
            EncryptMessage m = EncryptMessage.decode(EncryptMessage.encrypt(Algorithm.A128GCM, CONTENT,
                    List.of(direct)).encode());
            DecryptionKey dk = switch (direct.toString()) {
                case "RecipientSpec[direct]" -> null;
                case "RecipientSpec[direct+HKDF-SHA-512]" -> DecryptionKey.of(kek).withKdfInfo(info);
                case "RecipientSpec[ECDH-ES + HKDF-512]" -> DecryptionKey.of(x25519);
                default -> DecryptionKey.of(p256).withSenderPublicKey(sender.publicOnly());
            };
            if (dk != null) {
                assertArrayEquals(CONTENT, m.decrypt(dk, null).orElseThrow(), direct.toString());
            }
        }
        assertThrows(CoseException.class, () -> EncryptMessage.encrypt(Algorithm.A128GCM, CONTENT, List.of(
                RecipientSpec.direct(sym(16), Headers.empty()), RecipientSpec.keyWrap(Algorithm.A128KW, kek,
                        Headers.empty()))));
    }

    @Test
    void invalidEphemeralKeyIsRejected() throws Exception {
        CoseKey r = ec("secp256r1");
        EncryptMessage m = EncryptMessage.encrypt(Algorithm.A128GCM, CONTENT, List.of(RecipientSpec.ecdhEs(
                Algorithm.ECDH_ES_A128KW, r.publicOnly(), Headers.empty(), Headers.empty(), KdfInfo.NONE)));
        String hex = HEX.formatHex(m.encode());
        String y = HEX.formatHex(m.recipients().get(0).unprotectedHeaders().encodedValue(-1L).orElseThrow())
                .substring(HEX.formatHex(m.recipients().get(0).unprotectedHeaders().encodedValue(-1L)
                        .orElseThrow()).length() - 64);
        String flipped = y.substring(0, 62) + String.format(java.util.Locale.ROOT, "%02x",
                Integer.parseInt(y.substring(62), 16) ^ 1);
        EncryptMessage bad = EncryptMessage.decode(HEX.parseHex(hex.replace(y, flipped)));
        CoseException e = assertThrows(CoseException.class, () -> bad.decrypt(DecryptionKey.of(r), null));
        assertTrue(e.getMessage().contains("ephemeral key"), e.getMessage());
        assertEquals(Curve.P_256, r.curve().orElseThrow());
    }
}
