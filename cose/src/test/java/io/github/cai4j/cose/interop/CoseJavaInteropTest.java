package io.github.cai4j.cose.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import COSE.AlgorithmID;
import COSE.Attribute;
import COSE.HeaderKeys;
import COSE.MessageTag;
import COSE.OneKey;
import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.DecryptionKey;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.Encrypt0Message;
import io.github.cai4j.cose.EncryptMessage;
import io.github.cai4j.cose.Headers;
import io.github.cai4j.cose.KdfInfo;
import io.github.cai4j.cose.Mac0Message;
import io.github.cai4j.cose.RecipientSpec;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.key.CoseKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with COSE-JAVA 1.1.0 (run against CBOR 4.5.6) in both directions: Sign1 (ES256), Mac0 (HMAC
 * 256/256), Encrypt0 (A128GCM) and Encrypt with an ECDH-ES + A128KW recipient.
 */
class CoseJavaInteropTest {
    /**
     * COSE-JAVA does its key wrap through {@code Cipher.getInstance("AESWrap")} with a key named "AESWrap", which
     * the JDK 17 provider refuses; it documents BouncyCastle as the provider to install. Only for this class.
     */
    @BeforeAll
    static void installProvider() {
        Security.insertProviderAt(new BouncyCastleProvider(), 1);
    }

    @AfterAll
    static void removeProvider() {
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
    }
    private static final byte[] CONTENT = "interop between two COSE libraries".getBytes(StandardCharsets.UTF_8);

    private static CoseKey p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return CoseKey.fromKeyPair(g.generateKeyPair());
    }

    private static OneKey theirs(CoseKey key) throws Exception {
        return new OneKey(CBORObject.DecodeFromBytes(key.encode()));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    @Test
    void sign1BothWays() throws Exception {
        CoseKey key = p256();
        byte[] ours = Sign1Message.sign(Headers.empty(), Headers.builder().kid(new byte[] {1, 2}).build(), CONTENT,
                null, false, EcdsaSigner.of(key)).encode();
        COSE.Sign1Message m = (COSE.Sign1Message) COSE.Message.DecodeFromBytes(ours, MessageTag.Sign1);
        assertTrue(m.validate(theirs(key.publicOnly())));
        assertArrayEquals(CONTENT, m.GetContent());

        COSE.Sign1Message t = new COSE.Sign1Message();
        t.addAttribute(HeaderKeys.Algorithm, AlgorithmID.ECDSA_256.AsCBOR(), Attribute.PROTECTED);
        t.SetContent(CONTENT);
        t.sign(theirs(key));
        Sign1Message decoded = Sign1Message.decode(t.EncodeToBytes());
        assertTrue(decoded.verify(CoseVerifier.forKey(key.publicOnly())));
        assertFalse(decoded.verify(CoseVerifier.forKey(p256().publicOnly())));
    }

    @Test
    void mac0BothWays() throws Exception {
        byte[] k = random(32);
        byte[] ours = Mac0Message.create(Algorithm.HMAC_256_256, CONTENT, CoseKey.symmetric(k)).encode();
        COSE.MAC0Message m = (COSE.MAC0Message) COSE.Message.DecodeFromBytes(ours, MessageTag.MAC0);
        assertTrue(m.Validate(k));

        COSE.MAC0Message t = new COSE.MAC0Message();
        t.addAttribute(HeaderKeys.Algorithm, AlgorithmID.HMAC_SHA_256.AsCBOR(), Attribute.PROTECTED);
        t.SetContent(CONTENT);
        t.Create(k);
        Mac0Message decoded = Mac0Message.decode(t.EncodeToBytes());
        assertTrue(decoded.verify(CoseKey.symmetric(k), null));
        assertFalse(decoded.verify(CoseKey.symmetric(random(32)), null));
    }

    @Test
    void encrypt0BothWays() throws Exception {
        byte[] k = random(16);
        byte[] ours = Encrypt0Message.encrypt(Algorithm.A128GCM, CONTENT, CoseKey.symmetric(k)).encode();
        COSE.Encrypt0Message m = (COSE.Encrypt0Message) COSE.Message.DecodeFromBytes(ours, MessageTag.Encrypt0);
        assertArrayEquals(CONTENT, m.decrypt(k));

        COSE.Encrypt0Message t = new COSE.Encrypt0Message();
        t.addAttribute(HeaderKeys.Algorithm, AlgorithmID.AES_GCM_128.AsCBOR(), Attribute.PROTECTED);
        t.SetContent(CONTENT);
        t.encrypt(k);
        Encrypt0Message decoded = Encrypt0Message.decode(t.EncodeToBytes());
        assertArrayEquals(CONTENT, decoded.decrypt(CoseKey.symmetric(k), null).orElseThrow());
        assertTrue(decoded.decrypt(CoseKey.symmetric(random(16)), null).isEmpty());
    }

    @Test
    void encryptWithEcdhEsA128KwBothWays() throws Exception {
        CoseKey recipient = p256();
        byte[] ours = EncryptMessage.encrypt(Algorithm.A128GCM, CONTENT, List.of(RecipientSpec.ecdhEs(
                Algorithm.ECDH_ES_A128KW, recipient.publicOnly(), Headers.empty(), Headers.empty(), KdfInfo.NONE)))
                .encode();
        COSE.EncryptMessage m = (COSE.EncryptMessage) COSE.Message.DecodeFromBytes(ours, MessageTag.Encrypt);
        COSE.Recipient r = m.getRecipient(0);
        r.SetKey(theirs(recipient));
        assertArrayEquals(CONTENT, m.decrypt(r));

        COSE.EncryptMessage t = new COSE.EncryptMessage();
        t.addAttribute(HeaderKeys.Algorithm, AlgorithmID.AES_GCM_128.AsCBOR(), Attribute.PROTECTED);
        t.SetContent(CONTENT);
        COSE.Recipient tr = new COSE.Recipient();
        tr.addAttribute(HeaderKeys.Algorithm, AlgorithmID.ECDH_ES_HKDF_256_AES_KW_128.AsCBOR(), Attribute.PROTECTED);
        tr.SetKey(theirs(recipient.publicOnly()));
        t.addRecipient(tr);
        t.encrypt();
        EncryptMessage decoded = EncryptMessage.decode(t.EncodeToBytes());
        assertArrayEquals(CONTENT, decoded.decrypt(DecryptionKey.of(recipient), null).orElseThrow());
        assertTrue(decoded.decrypt(DecryptionKey.of(p256()), null).isEmpty());
    }
}
