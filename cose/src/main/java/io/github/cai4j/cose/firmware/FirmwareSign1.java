package io.github.cai4j.cose.firmware;

import io.github.cai4j.cose.Algorithm;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.CoseSigner;
import io.github.cai4j.cose.Headers;
import io.github.cai4j.cose.Sign1Message;
import java.security.MessageDigest;

/**
 * The COSE_Sign1 layout the firmware writes (spec/firmware.md §5.3): tag 18, protected {@code h'a10126'}
 * ({1: −7}), an empty unprotected map, the payload, and a 64-byte raw r‖s ES256 signature over
 * {@code ["Signature1", h'a10126', h'', payload]}.
 */
public final class FirmwareSign1 {
    /** The protected header bytes {@code a1 01 26}. */
    private static final byte[] PROTECTED = {(byte) 0xa1, 0x01, 0x26};

    private FirmwareSign1() {
    }

    public static byte[] protectedHeader() {
        return PROTECTED.clone();
    }

    /** The protected header as a {@link Headers} value ({1: −7}). */
    public static Headers protectedHeaders() {
        return Headers.builder().algorithm(Algorithm.ES256).build();
    }

    /** The encoded size for a payload of {@code payloadLength} bytes (106 with counters, 85 without). */
    public static int encodedLength(int payloadLength) {
        return 1 + 1 + 4 + 1 + headLength(payloadLength) + payloadLength + 2 + 64;
    }

    private static int headLength(int len) {
        return len < 24 ? 1 : len < 0x100 ? 2 : len < 0x10000 ? 3 : 5;
    }

    /** The Sig_structure the device signs (the signer hashes it with SHA-256). */
    public static byte[] toBeSigned(byte[] payload) throws CoseException {
        return Sign1Message.sigStructure(PROTECTED, null, payload);
    }

    /** Signs a payload exactly as the firmware does; the signer must be ES256 and return 64 bytes. */
    public static byte[] sign(byte[] payload, CoseSigner signer) throws CoseException {
        if (signer.algorithm() != Algorithm.ES256) {
            throw new CoseException("firmware COSE_Sign1: the signer must be ES256, not " + signer.algorithm());
        }
        Sign1Message m = Sign1Message.sign(protectedHeaders(), payload, signer);
        if (m.signature().length != 64) {
            throw new CoseException("firmware COSE_Sign1: signer returned " + m.signature().length
                    + " bytes, expected raw r||s of 64");
        }
        return m.encode(true);
    }

    /**
     * Decodes a message and checks it has the firmware's exact layout (tag 18, protected {1: −7}, empty
     * unprotected map, attached payload, 64-byte signature).
     */
    public static Sign1Message decodeStrict(byte[] encoded) throws CoseException {
        if (encoded.length < 2 || (encoded[0] & 0xff) != 0xd2) {
            throw new CoseException("firmware COSE_Sign1: missing tag 18");
        }
        Sign1Message m = Sign1Message.decode(encoded);
        if (!MessageDigest.isEqual(m.protectedBytes(), PROTECTED)) {
            throw new CoseException("firmware COSE_Sign1: protected header is not {1: -7}");
        }
        if (!m.unprotectedHeaders().isEmpty()) {
            throw new CoseException("firmware COSE_Sign1: unprotected header is not empty");
        }
        if (m.payload().isEmpty()) {
            throw new CoseException("firmware COSE_Sign1: payload is detached");
        }
        if (m.signature().length != 64) {
            throw new CoseException("firmware COSE_Sign1: signature is not 64 bytes");
        }
        return m;
    }
}
