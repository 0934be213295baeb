package io.github.cai4j.huk.internal;

import io.github.cai4j.huk.HukServices;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;

/**
 * Decoding of the HUK partition's request vectors, exactly as the firmware reads them
 * ({@code spec/firmware.md} §1.1). The firmware copies each input with {@code psa_read(handle, i, &var,
 * in_size[i])} into a zero-initialised variable of fixed size: a shorter vector fills its low bytes
 * (little-endian), a missing one leaves zero, and a longer one would overrun the variable, which is modelled as
 * {@code PSA_ERROR_PROGRAMMER_ERROR}. Only the key status service checks the key id size explicitly.
 *
 * <p>Every method throws only {@link PsaException}.
 */
public final class HukRequests {
    /** The size of {@code psa_key_id_t}, {@code float} and the enums on the 32-bit target. */
    public static final int WORD = 4;

    /** A key status request: get, or set to {@code newStatus}. */
    public record KeyStatRequest(int keyId, boolean set, int newStatus) {
    }

    /** A hash-and-sign request. */
    public record HashSignRequest(int keyId, byte[] tbs) {
    }

    /** A COSE encode request: the float as the caller sent it and the raw format value. */
    public record CoseEncodeRequest(float value, int format) {
    }

    private HukRequests() {
    }

    /** {@code in_size[i]}, zero for a vector the caller did not pass. */
    public static int inSize(Message m, int i) {
        return i < m.inCount() ? m.inSize(i) : 0;
    }

    /** {@code out_size[i]}, zero for a vector the caller did not pass. */
    public static int outSize(Message m, int i) {
        return i < m.outCount() ? m.outCapacity(i) : 0;
    }

    /**
     * Reads input {@code i} into a zero-initialised 32-bit little-endian variable, as {@code psa_read} with
     * {@code in_size[i]} does.
     */
    public static int readWord(Message m, int i, String what) throws PsaException {
        int size = inSize(m, i);
        if (size > WORD) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, what + " (input " + i + ") is " + size
                    + " bytes, more than its " + WORD + "-byte variable");
        }
        if (size == 0) {
            return 0;
        }
        byte[] b = m.input(i);
        int v = 0;
        for (int k = 0; k < size; k++) {
            v |= (b[k] & 0xff) << (8 * k);
        }
        return v;
    }

    /**
     * {@code TFM_HUK_EC_KEY_STAT}: in[0] key id (exactly 4 bytes, else PROGRAMMER_ERROR). With
     * {@code setSupported} (TF-M 1.7+), in[1] is a 1-byte {@code _Bool set} (absent = get) and, when set, in[2]
     * the new status.
     */
    public static KeyStatRequest keyStat(Message m, boolean setSupported) throws PsaException {
        if (inSize(m, 0) != WORD) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "key id must be " + WORD + " bytes, got "
                    + inSize(m, 0));
        }
        int keyId = readWord(m, 0, "key id");
        if (!setSupported) {
            return new KeyStatRequest(keyId, false, 0);
        }
        int setSize = inSize(m, 1);
        if (setSize > 1) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "the set flag is 1 byte, got " + setSize);
        }
        boolean set = setSize == 1 && m.input(1)[0] != 0;
        int status = set ? readWord(m, 2, "key status") : 0;
        return new KeyStatRequest(keyId, set, status);
    }

    /** {@code TFM_HUK_EXPORT_PUBKEY}: in[0] key id. */
    public static int exportPublicKey(Message m) throws PsaException {
        return readWord(m, 0, "key id");
    }

    /** {@code TFM_HUK_HASH_SIGN}: in[0] key id, in[1] the DER {@code CertificationRequestInfo}. */
    public static HashSignRequest hashSign(Message m) throws PsaException {
        int keyId = readWord(m, 0, "key id");
        byte[] tbs = inSize(m, 1) == 0 ? new byte[0] : m.input(1);
        return new HashSignRequest(keyId, tbs);
    }

    /** {@code TFM_HUK_COSE_CBOR_ENC_SIGN}: in[0] the float (IEEE-754 LE), in[1] the format enum. */
    public static CoseEncodeRequest coseEncode(Message m) throws PsaException {
        int format = readWord(m, 1, "encoding format");
        int bits = readWord(m, 0, "inference value");
        return new CoseEncodeRequest(Float.intBitsToFloat(bits), format);
    }

    /**
     * The firmware's check of a TBS blob before it signs it ({@code tfm_huk_csr_verify}): empty
     * {@code INSUFFICIENT_DATA}; first byte not SEQUENCE (0x30) {@code INVALID_ARGUMENT}; length byte not
     * one-byte long form ({@code (b1 & 0x7F) != 1}) {@code NOT_SUPPORTED}; declared length not the rest of the blob
     * {@code SERVICE_FAILURE}. A blob cut before its length octet (which the firmware reads past its end) is
     * treated as a length mismatch.
     */
    public static void checkTbsFraming(byte[] tbs) throws PsaException {
        if (tbs.length < 1) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_DATA, "empty TBS");
        }
        if ((tbs[0] & 0xff) != 0x30) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "TBS does not start with a SEQUENCE tag");
        }
        if (tbs.length < 2 || (tbs[1] & 0x7f) != 1) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED,
                    "TBS length is not a one-byte long-form length (128..255 bytes)");
        }
        if (tbs.length < 3 || (tbs[2] & 0xff) != tbs.length - 3) {
            throw new PsaException(PsaStatus.ERROR_SERVICE_FAILURE, "TBS declared length does not match its size");
        }
    }

    /**
     * The firmware writes a fixed-size output with {@code psa_write}; TF-M treats a write past the caller's vector
     * as a programmer error.
     */
    public static void requireOutput(Message m, int i, int size, String what) throws PsaException {
        if (outSize(m, i) < size) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, what + " (output " + i + ") needs " + size
                    + " bytes, the caller gave " + outSize(m, i));
        }
    }

    /** A {@code size_t} on the 32-bit target, little-endian. */
    public static byte[] sizeT(int value) {
        return Le.bytes32(value);
    }

    /** The key id the partition holds ({@code tfm_huk_key_get_idx}): only the COSE key. */
    public static void requireCoseKey(int keyId) throws PsaException {
        if (keyId != HukServices.KEY_ID_COSE) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "unknown key id 0x"
                    + Integer.toHexString(keyId));
        }
    }
}
