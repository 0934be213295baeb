package io.github.cai4j.cose.firmware;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseSigner;
import io.github.cai4j.cose.Encrypt0Message;
import io.github.cai4j.cose.EncryptMessage;
import io.github.cai4j.cose.Headers;
import io.github.cai4j.cose.KdfInfo;
import io.github.cai4j.cose.RecipientSpec;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The device side of the "flow" session scheme (spec/firmware.md §5.6): one expensive session-key message (a
 * COSE_Sign1 by the device over a COSE_Encrypt of a fresh AES-128 session key to the cloud's P-256 key with
 * ECDH-ES + A128KW), then one cheap COSE_Encrypt0 (A128GCM) per result carrying the session id.
 *
 * <p>The bytes follow flow's layout so its tools can read them: Sign1 protected
 * {@code {1: -7, 3: "application/x-linaro-secureai-session", -65537: session id}}, unprotected {@code {4: device
 * kid}}; the untagged COSE_Encrypt body is labelled {@code {1: -29}} (flow's choice; the content is A128GCM); the
 * recipient carries {@code {4: cloud kid, -1: ephemeral key}}; records are tag 16 with protected
 * {@code {1: 1, -65537: session id}} and a 12-byte IV. Not thread-safe; one instance per session.
 */
public final class FlowSession implements AutoCloseable {
    /** The private header label carrying the session id. */
    public static final long SESSION_ID = -65537;
    /** Content type of the session-key message. */
    public static final String SESSION_CONTENT_TYPE = "application/x-linaro-secureai-session";

    private final byte[] sessionId;
    private final byte[] sessionKey;
    private final SecureRandom random;
    private final byte[] keyMessage;

    private FlowSession(byte[] sessionId, byte[] sessionKey, SecureRandom random, byte[] keyMessage) {
        this.sessionId = sessionId;
        this.sessionKey = sessionKey;
        this.random = random;
        this.keyMessage = keyMessage;
    }

    /** Starts a session with fresh randomness. */
    public static FlowSession start(CoseKey cloudPublicKey, byte[] cloudKid, CoseSigner deviceSigner,
            byte[] deviceKid) throws CoseException {
        return start(cloudPublicKey, cloudKid, deviceSigner, deviceKid, new SecureRandom());
    }

    /**
     * Starts a session: draws the session id (16 bytes) and session key (16), builds and signs the session-key
     * message. {@code random} also supplies the IVs and the ephemeral key.
     */
    public static FlowSession start(CoseKey cloudPublicKey, byte[] cloudKid, CoseSigner deviceSigner,
            byte[] deviceKid, SecureRandom random) throws CoseException {
        if (cloudPublicKey.curve().orElse(null) != Curve.P_256) {
            throw new CoseException("flow: the cloud key must be a P-256 key");
        }
        if (deviceSigner.algorithm() != Algorithm.ES256) {
            throw new CoseException("flow: the device signs with ES256");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        byte[] key = new byte[16];
        random.nextBytes(key);
        Headers rp = Headers.builder().algorithm(Algorithm.ECDH_ES_A128KW).build();
        Headers ru = cloudKid == null ? Headers.empty() : Headers.builder().kid(cloudKid).build();
        RecipientSpec recipient = RecipientSpec.ecdhEs(Algorithm.ECDH_ES_A128KW, cloudPublicKey, rp, ru,
                KdfInfo.NONE);
        EncryptMessage body = EncryptMessage.encrypt(Algorithm.A128GCM,
                Headers.builder().algorithm(Algorithm.ECDH_ES_A128KW).build(), Headers.empty(), key, null,
                List.of(recipient), new FixedKeyRandom(key, random));
        Headers sp = Headers.builder().algorithm(Algorithm.ES256).contentType(SESSION_CONTENT_TYPE)
                .put(SESSION_ID, id).build();
        Headers su = deviceKid == null ? Headers.empty() : Headers.builder().kid(deviceKid).build();
        byte[] msg = Sign1Message.sign(sp, su, body.encode(false), null, false, deviceSigner).encode(true);
        return new FlowSession(id, key, random, msg);
    }

    /** The signed session-key message (tag 18) to send before any record. */
    public byte[] keyMessage() {
        return keyMessage.clone();
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** Encrypts one result as a COSE_Encrypt0 record (tag 16) of this session. */
    public byte[] encrypt(byte[] payload) throws CoseException {
        Headers p = Headers.builder().algorithm(Algorithm.A128GCM).put(SESSION_ID, sessionId).build();
        return Encrypt0Message.encrypt(p, Headers.empty(), payload, null, CoseKey.symmetric(sessionKey), random)
                .encode(true);
    }

    /** Zeroes the session key. */
    @Override
    public void close() {
        Arrays.fill(sessionKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "FlowSession[id=" + java.util.HexFormat.of().formatHex(sessionId) + "]";
    }

    /** Hands out the session key as the content key, then defers to the real source. */
    private static final class FixedKeyRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] first;
        private final SecureRandom rest;
        private boolean used;

        FixedKeyRandom(byte[] first, SecureRandom rest) {
            this.first = first.clone();
            this.rest = rest;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (!used && bytes.length == first.length) {
                used = true;
                System.arraycopy(first, 0, bytes, 0, first.length);
                Arrays.fill(first, (byte) 0);
                return;
            }
            rest.nextBytes(bytes);
        }
    }
}
