package io.github.cai4j.attestation.aat;

import io.github.cai4j.attestation.AttestationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The firmware's {@code infer_version_t} ({@code spec/firmware.md} §8.1), 96 bytes on the 32-bit target:
 * {@code char version[42]; size_t version_len; char model[42]; size_t model_len;} — {@code version} at offset 0,
 * its length (u32 LE) at 44, {@code model} at 48, its length at 92, two padding bytes after each array.
 *
 * <p>The TF-M 1.7+ AAT partition sends two of these to the HUK partition's {@code COSE_AAT_SIGN} service, which
 * takes each string with {@code strlen}. The firmware neither zeroes the structs nor has its version services write
 * a NUL, so {@code strlen} may run past the text; this model implements the intended behaviour: the struct is
 * zero-initialised before the strings are copied in, and a string is read up to its first NUL within its 42-byte
 * array (never beyond). The length fields are written but, as in the firmware, not used when reading.
 *
 * @param version the engine version text
 * @param model   the model version text
 */
public record InferVersionRecord(String version, String model) {
    /** The size of the struct. */
    public static final int SIZE = 96;
    /** The size of each character array. */
    public static final int TEXT_CAPACITY = 42;
    private static final int VERSION_OFFSET = 0;
    private static final int VERSION_LEN_OFFSET = 44;
    private static final int MODEL_OFFSET = 48;
    private static final int MODEL_LEN_OFFSET = 92;

    public InferVersionRecord {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(model, "model");
        for (String s : new String[] {version, model}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > TEXT_CAPACITY || s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an infer_version_t string holds at most " + TEXT_CAPACITY
                        + " bytes and no NUL, got " + b.length + " bytes");
            }
        }
    }

    /** The zero-initialised struct with both strings copied in. */
    public byte[] encode() {
        byte[] out = new byte[SIZE];
        put(out, VERSION_OFFSET, VERSION_LEN_OFFSET, version);
        put(out, MODEL_OFFSET, MODEL_LEN_OFFSET, model);
        return out;
    }

    private static void put(byte[] out, int textOffset, int lenOffset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, out, textOffset, b.length);
        out[lenOffset] = (byte) b.length;
        out[lenOffset + 1] = (byte) (b.length >>> 8);
    }

    /** Reads a struct: each string up to its first NUL, at most 42 bytes. */
    public static InferVersionRecord decode(byte[] struct) throws AttestationException {
        if (struct.length != SIZE) {
            throw new AttestationException("infer_version_t: " + struct.length + " bytes, expected " + SIZE);
        }
        return new InferVersionRecord(text(struct, VERSION_OFFSET, "version"), text(struct, MODEL_OFFSET, "model"));
    }

    private static String text(byte[] struct, int offset, String what) throws AttestationException {
        int n = 0;
        while (n < TEXT_CAPACITY && struct[offset + n] != 0) {
            n++;
        }
        byte[] b = Arrays.copyOfRange(struct, offset, offset + n);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AttestationException("infer_version_t " + what + " at offset " + offset + " is not UTF-8", e);
        }
    }
}
