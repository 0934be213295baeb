package io.github.cai4j.crypto;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Converts P-256 ECDSA signatures between PSA's raw {@code r || s} (32 + 32 bytes, big-endian; also COSE's
 * form) and DER {@code Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }} (X.509, CSRs, most TLS stacks).
 * The DER parser is strict: definite minimal lengths, minimal positive integers, no trailing bytes.
 */
public final class EcdsaSignatureFormat {
    private static final int SCALAR = 32;

    private EcdsaSignatureFormat() {
    }

    /** DER-encodes a 64-byte raw signature (minimal integers, a leading 0x00 where the top bit is set). */
    public static byte[] rawToDer(byte[] raw) {
        if (raw.length != 2 * SCALAR) {
            throw new IllegalArgumentException("a raw P-256 signature is 64 bytes, got " + raw.length);
        }
        byte[] r = derInteger(Arrays.copyOfRange(raw, 0, SCALAR));
        byte[] s = derInteger(Arrays.copyOfRange(raw, SCALAR, 2 * SCALAR));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int len = r.length + s.length;
        out.write(0x30);
        if (len >= 0x80) {
            out.write(0x81);
        }
        out.write(len);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static byte[] derInteger(byte[] unsigned) {
        int i = 0;
        while (i < unsigned.length - 1 && unsigned[i] == 0) {
            i++;
        }
        boolean pad = (unsigned[i] & 0x80) != 0;
        int n = unsigned.length - i + (pad ? 1 : 0);
        byte[] out = new byte[2 + n];
        out[0] = 0x02;
        out[1] = (byte) n;
        System.arraycopy(unsigned, i, out, 2 + (pad ? 1 : 0), unsigned.length - i);
        return out;
    }

    /**
     * Parses a strict DER signature into raw {@code r || s}.
     *
     * @throws PsaException INVALID_SIGNATURE if the encoding is not strict DER or an integer does not fit in
     *                      32 bytes (or is negative)
     */
    public static byte[] derToRaw(byte[] der) throws PsaException {
        int[] pos = {0};
        if (der.length < 2 || der[0] != 0x30) {
            throw bad("not a SEQUENCE");
        }
        pos[0] = 1;
        int len = readLength(der, pos);
        if (pos[0] + len != der.length) {
            throw bad("SEQUENCE length does not match the input");
        }
        byte[] out = new byte[2 * SCALAR];
        readInteger(der, pos, out, 0);
        readInteger(der, pos, out, SCALAR);
        if (pos[0] != der.length) {
            throw bad("trailing bytes inside the SEQUENCE");
        }
        return out;
    }

    private static int readLength(byte[] b, int[] pos) throws PsaException {
        if (pos[0] >= b.length) {
            throw bad("truncated length");
        }
        int first = b[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        if (first != 0x81) {
            throw bad("length form not allowed for a P-256 signature");
        }
        if (pos[0] >= b.length) {
            throw bad("truncated length");
        }
        int len = b[pos[0]++] & 0xff;
        if (len < 0x80) {
            throw bad("non-minimal length");
        }
        return len;
    }

    private static void readInteger(byte[] b, int[] pos, byte[] out, int outOffset) throws PsaException {
        if (pos[0] >= b.length || b[pos[0]] != 0x02) {
            throw bad("INTEGER expected at offset " + pos[0]);
        }
        pos[0]++;
        int len = readLength(b, pos);
        if (len == 0 || pos[0] + len > b.length) {
            throw bad("bad INTEGER length at offset " + pos[0]);
        }
        int start = pos[0];
        if ((b[start] & 0x80) != 0) {
            throw bad("negative INTEGER at offset " + start);
        }
        if (len > 1 && b[start] == 0 && (b[start + 1] & 0x80) == 0) {
            throw bad("non-minimal INTEGER at offset " + start);
        }
        int skip = b[start] == 0 && len > 1 ? 1 : 0;
        int n = len - skip;
        if (n > SCALAR) {
            throw bad("INTEGER longer than 32 bytes at offset " + start);
        }
        System.arraycopy(b, start + skip, out, outOffset + SCALAR - n, n);
        pos[0] = start + len;
    }

    private static PsaException bad(String why) {
        return new PsaException(PsaStatus.ERROR_INVALID_SIGNATURE, "DER signature: " + why);
    }
}
