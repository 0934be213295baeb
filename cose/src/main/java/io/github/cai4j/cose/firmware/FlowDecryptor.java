package io.github.cai4j.cose.firmware;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseVerifier;
import io.github.cai4j.cose.DecryptionKey;
import io.github.cai4j.cose.Encrypt0Message;
import io.github.cai4j.cose.EncryptMessage;
import io.github.cai4j.cose.KeyAgreement;
import io.github.cai4j.cose.Recipient;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.Curve;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cloud side of the "flow" session scheme (spec/firmware.md §5.6): accepts a device's session-key message
 * (checks tag 18, verifies the Sign1 with the device key, decrypts the COSE_Encrypt with the cloud's key — only a
 * single ECDH-ES + A128KW recipient on P-256 is accepted) and caches the session key by session id; then decrypts
 * the session's COSE_Encrypt0 records (tag 16, A128GCM). The cache keeps the most recent {@code maxSessions}
 * sessions. Thread-safe.
 */
public final class FlowDecryptor {
    private final KeyAgreement cloudKey;
    private final CoseVerifier deviceVerifier;
    private final Map<String, byte[]> sessions;

    public FlowDecryptor(KeyAgreement cloudKey, CoseVerifier deviceVerifier, int maxSessions) throws CoseException {
        if (cloudKey.curve() != Curve.P_256) {
            throw new CoseException("flow: the cloud key must be a P-256 key");
        }
        if (maxSessions < 1) {
            throw new CoseException("flow: maxSessions must be positive");
        }
        this.cloudKey = cloudKey;
        this.deviceVerifier = deviceVerifier;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                if (size() > maxSessions) {
                    Arrays.fill(eldest.getValue(), (byte) 0);
                    return true;
                }
                return false;
            }
        };
    }

    public static FlowDecryptor of(CoseKey cloudPrivateKey, CoseVerifier deviceVerifier) throws CoseException {
        return new FlowDecryptor(KeyAgreement.of(cloudPrivateKey), deviceVerifier, 1024);
    }

    /**
     * Accepts a session-key message; returns the session id, or empty if the signature or the key decryption
     * does not verify. Malformed messages throw.
     */
    public Optional<byte[]> acceptKeyMessage(byte[] message) throws CoseException {
        if (message.length < 1 || (message[0] & 0xff) != 0xd2) {
            throw new CoseException("flow key message: missing tag 18");
        }
        Sign1Message sign1 = Sign1Message.decode(message);
        if (!sign1.verify(deviceVerifier)) {
            return Optional.empty();
        }
        byte[] id = sign1.protectedHeaders().bytes(FlowSession.SESSION_ID)
                .orElseThrow(() -> new CoseException("flow key message: no session id (-65537)"));
        EncryptMessage body = EncryptMessage.decode(sign1.payload().orElseThrow(
                () -> new CoseException("flow key message: detached payload")));
        if (body.recipients().size() != 1) {
            throw new CoseException("flow key message: expected one recipient");
        }
        Recipient r = body.recipients().get(0);
        if (r.algorithm() != Algorithm.ECDH_ES_A128KW) {
            throw new CoseException("flow key message: recipient algorithm must be ECDH-ES + A128KW");
        }
        Optional<byte[]> key = body.decrypt(Algorithm.A128GCM, DecryptionKey.of(cloudKey), null, null);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (key.get().length != 16) {
            throw new CoseException("flow key message: session key is not 16 bytes");
        }
        synchronized (sessions) {
            byte[] old = sessions.put(HexFormat.of().formatHex(id), key.get());
            if (old != null) {
                Arrays.fill(old, (byte) 0);
            }
        }
        return Optional.of(id);
    }

    /** Decrypts a record; empty if it does not authenticate. An unknown session id throws. */
    public Optional<byte[]> decrypt(byte[] record) throws CoseException {
        if (record.length < 1 || (record[0] & 0xff) != 0xd0) {
            throw new CoseException("flow record: missing tag 16");
        }
        Encrypt0Message m = Encrypt0Message.decode(record);
        if (m.algorithm() != Algorithm.A128GCM) {
            throw new CoseException("flow record: algorithm must be A128GCM");
        }
        byte[] id = m.protectedHeaders().bytes(FlowSession.SESSION_ID)
                .orElseThrow(() -> new CoseException("flow record: no session id (-65537)"));
        byte[] key;
        synchronized (sessions) {
            byte[] k = sessions.get(HexFormat.of().formatHex(id));
            if (k == null) {
                throw new CoseException("flow record: unknown session " + HexFormat.of().formatHex(id));
            }
            key = k.clone();
        }
        try {
            return m.decrypt(CoseKey.symmetric(key), null);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public int sessionCount() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    @Override
    public String toString() {
        return "FlowDecryptor[" + sessionCount() + " session(s)]";
    }
}
