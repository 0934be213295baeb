package io.github.cai4j.crypto.internal;

import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The crypto service's request layout on the gate: the one codec for it, used by the client to encode and by
 * the partition to decode. All calls use type {@code PSA_IPC_CALL} on the stateless handle 0x40000100 (SID
 * 0x80, {@code spec/mcuboot-psa.md} B9); like TF-M's {@code tfm_crypto_pack_iovec}, {@code in[0]} carries the
 * function id and the scalar arguments, the other vectors carry variable-length data. Integers are
 * little-endian 32-bit ({@code size_t}, {@code psa_key_id_t}, {@code psa_algorithm_t} on a 32-bit target).
 *
 * <pre>
 * in[0] header, 24 bytes:
 *   +0  u32 function id        +4  u32 key id        +8  u32 algorithm
 *   +12 u32 operation handle   +16 u32 derivation step   +20 u32 capacity
 * followed, for IMPORT_KEY, GENERATE_KEY and KDF_OUTPUT_KEY, by the key attributes (24 bytes):
 *   +24 u32 id  +28 u32 lifetime  +32 u32 type  +36 u32 bits  +40 u32 usage  +44 u32 algorithm
 * or, for AEAD_ENCRYPT / AEAD_DECRYPT, by the nonce (the rest of in[0]; the service decides which lengths it
 * supports).
 *
 * function            in[1]        in[2]        out[0]
 * GET_KEY_ATTRIBUTES  -            -            attributes (24 bytes, layout above)
 * IMPORT_KEY          key data     -            u32 key id
 * GENERATE_KEY        -            -            u32 key id
 * DESTROY_KEY         -            -            -
 * EXPORT_KEY          -            -            key data
 * EXPORT_PUBLIC_KEY   -            -            public key (65 bytes 04||X||Y for P-256)
 * SIGN_HASH           hash         -            signature r||s
 * VERIFY_HASH         hash         signature    -
 * SIGN_MESSAGE        message      -            signature r||s
 * VERIFY_MESSAGE      message      signature    -
 * MAC_COMPUTE         message      -            MAC
 * MAC_VERIFY          message      MAC          -
 * AEAD_ENCRYPT        aad          plaintext    ciphertext||tag
 * AEAD_DECRYPT        aad          ciphertext   plaintext
 * RAW_KEY_AGREEMENT   peer key     -            shared secret
 * HASH_COMPUTE        input        -            hash
 * GENERATE_RANDOM     -            -            random bytes (out[0] capacity = length)
 * KDF_SETUP           -            -            u32 new operation handle
 * KDF_GET_CAPACITY    -            -            u32 capacity
 * KDF_SET_CAPACITY    -            -            -
 * KDF_INPUT_BYTES     data         -            -
 * KDF_INPUT_KEY       -            -            -
 * KDF_KEY_AGREEMENT   peer key     -            -
 * KDF_OUTPUT_BYTES    -            -            output (out[0] capacity = length)
 * KDF_OUTPUT_KEY      -            -            u32 key id
 * KDF_ABORT           -            -            -
 * </pre>
 *
 * A request whose vector counts or fixed sizes differ from this table is a programmer error of the caller
 * ({@code PSA_ERROR_PROGRAMMER_ERROR}, as TF-M's crypto service answers malformed vectors); an unknown function
 * id is {@code PSA_ERROR_NOT_SUPPORTED}.
 */
public final class CryptoWire {
    public static final int GET_KEY_ATTRIBUTES = 0x0001;
    public static final int IMPORT_KEY = 0x0002;
    public static final int GENERATE_KEY = 0x0003;
    public static final int DESTROY_KEY = 0x0004;
    public static final int EXPORT_KEY = 0x0005;
    public static final int EXPORT_PUBLIC_KEY = 0x0006;
    public static final int SIGN_HASH = 0x0010;
    public static final int VERIFY_HASH = 0x0011;
    public static final int SIGN_MESSAGE = 0x0012;
    public static final int VERIFY_MESSAGE = 0x0013;
    public static final int MAC_COMPUTE = 0x0014;
    public static final int MAC_VERIFY = 0x0015;
    public static final int AEAD_ENCRYPT = 0x0020;
    public static final int AEAD_DECRYPT = 0x0021;
    public static final int RAW_KEY_AGREEMENT = 0x0030;
    public static final int HASH_COMPUTE = 0x0031;
    public static final int GENERATE_RANDOM = 0x0032;
    public static final int KDF_SETUP = 0x0040;
    public static final int KDF_GET_CAPACITY = 0x0041;
    public static final int KDF_SET_CAPACITY = 0x0042;
    public static final int KDF_INPUT_BYTES = 0x0043;
    public static final int KDF_INPUT_KEY = 0x0044;
    public static final int KDF_KEY_AGREEMENT = 0x0045;
    public static final int KDF_OUTPUT_BYTES = 0x0046;
    public static final int KDF_OUTPUT_KEY = 0x0047;
    public static final int KDF_ABORT = 0x0048;

    /** Size of the fixed header. */
    public static final int HEADER_SIZE = 24;
    /** Size of encoded key attributes. */
    public static final int ATTRIBUTES_SIZE = 24;

    private CryptoWire() {
    }

    /** A decoded request. Byte arrays are the gate's private copies. */
    public static final class Request {
        public final int function;
        public final int keyId;
        public final int alg;
        public final int opHandle;
        public final int step;
        /** The u32 capacity as an unsigned value. */
        public final long capacity;
        /** Attributes, for functions that carry them, else null. */
        public final KeyAttributes attributes;
        /** The AEAD nonce, else null. */
        public final byte[] nonce;
        /** in[1] and in[2] where the function takes them, else empty arrays. */
        public final byte[] data1;
        public final byte[] data2;

        Request(int function, int keyId, int alg, int opHandle, int step, long capacity, KeyAttributes attributes,
                byte[] nonce, byte[] data1, byte[] data2) {
            this.function = function;
            this.keyId = keyId;
            this.alg = alg;
            this.opHandle = opHandle;
            this.step = step;
            this.capacity = capacity;
            this.attributes = attributes;
            this.nonce = nonce;
            this.data1 = data1;
            this.data2 = data2;
        }
    }

    /** Vector counts: {inputs, outputs}, and the minimum capacity of a fixed-size out[0] (0 = variable). */
    private static int[] shape(int function) throws PsaException {
        switch (function) {
            case GET_KEY_ATTRIBUTES: return new int[] {1, 1, ATTRIBUTES_SIZE};
            case IMPORT_KEY: return new int[] {2, 1, 4};
            case GENERATE_KEY: return new int[] {1, 1, 4};
            case DESTROY_KEY: return new int[] {1, 0, 0};
            case EXPORT_KEY: return new int[] {1, 1, 0};
            case EXPORT_PUBLIC_KEY: return new int[] {1, 1, 0};
            case SIGN_HASH: return new int[] {2, 1, 0};
            case VERIFY_HASH: return new int[] {3, 0, 0};
            case SIGN_MESSAGE: return new int[] {2, 1, 0};
            case VERIFY_MESSAGE: return new int[] {3, 0, 0};
            case MAC_COMPUTE: return new int[] {2, 1, 0};
            case MAC_VERIFY: return new int[] {3, 0, 0};
            case AEAD_ENCRYPT: return new int[] {3, 1, 0};
            case AEAD_DECRYPT: return new int[] {3, 1, 0};
            case RAW_KEY_AGREEMENT: return new int[] {2, 1, 0};
            case HASH_COMPUTE: return new int[] {2, 1, 0};
            case GENERATE_RANDOM: return new int[] {1, 1, 0};
            case KDF_SETUP: return new int[] {1, 1, 4};
            case KDF_GET_CAPACITY: return new int[] {1, 1, 4};
            case KDF_SET_CAPACITY: return new int[] {1, 0, 0};
            case KDF_INPUT_BYTES: return new int[] {2, 0, 0};
            case KDF_INPUT_KEY: return new int[] {1, 0, 0};
            case KDF_KEY_AGREEMENT: return new int[] {2, 0, 0};
            case KDF_OUTPUT_BYTES: return new int[] {1, 1, 0};
            case KDF_OUTPUT_KEY: return new int[] {1, 1, 4};
            case KDF_ABORT: return new int[] {1, 0, 0};
            default:
                throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "unknown crypto function " + function);
        }
    }

    private static boolean hasAttributes(int function) {
        return function == IMPORT_KEY || function == GENERATE_KEY || function == KDF_OUTPUT_KEY;
    }

    private static boolean hasNonce(int function) {
        return function == AEAD_ENCRYPT || function == AEAD_DECRYPT;
    }

    /**
     * Decodes a message strictly.
     *
     * @throws PsaException PROGRAMMER_ERROR for a malformed request, NOT_SUPPORTED for an unknown function
     */
    public static Request decode(Message m) throws PsaException {
        if (m.inCount() < 1 || m.inSize(0) < HEADER_SIZE) {
            throw malformed("in[0] must hold the " + HEADER_SIZE + "-byte request header");
        }
        byte[] head = m.input(0);
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int function = b.getInt();
        int keyId = b.getInt();
        int alg = b.getInt();
        int opHandle = b.getInt();
        int step = b.getInt();
        long capacity = Integer.toUnsignedLong(b.getInt());
        int[] shape = shape(function);
        if (m.inCount() != shape[0] || m.outCount() != shape[1]) {
            throw malformed("function " + function + " takes " + shape[0] + " input and " + shape[1]
                    + " output vectors, got " + m.inCount() + " and " + m.outCount());
        }
        if (shape[2] > 0 && m.outCapacity(0) < shape[2]) {
            throw malformed("out[0] of function " + function + " must hold " + shape[2] + " bytes");
        }
        KeyAttributes attributes = null;
        byte[] nonce = null;
        if (hasAttributes(function)) {
            if (head.length != HEADER_SIZE + ATTRIBUTES_SIZE) {
                throw malformed("in[0] of function " + function + " must be " + (HEADER_SIZE + ATTRIBUTES_SIZE)
                        + " bytes");
            }
            attributes = KeyAttributes.of(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
        } else if (hasNonce(function)) {
            int n = head.length - HEADER_SIZE;
            nonce = new byte[n];
            b.get(nonce);
        } else if (head.length != HEADER_SIZE) {
            throw malformed("in[0] of function " + function + " must be " + HEADER_SIZE + " bytes");
        }
        byte[] data1 = shape[0] > 1 ? m.input(1) : new byte[0];
        byte[] data2 = shape[0] > 2 ? m.input(2) : new byte[0];
        return new Request(function, keyId, alg, opHandle, step, capacity, attributes, nonce, data1, data2);
    }

    private static PsaException malformed(String why) {
        return new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "malformed crypto request: " + why);
    }

    // ------------------------------------------------------------------ encoding (client side)

    /** The 24-byte header. */
    public static byte[] header(int function, int keyId, int alg, int opHandle, int step, long capacity) {
        return headerBuffer(function, keyId, alg, opHandle, step, capacity, HEADER_SIZE).array();
    }

    /** The header followed by key attributes. */
    public static byte[] headerWithAttributes(int function, int opHandle, KeyAttributes a) {
        ByteBuffer b = headerBuffer(function, 0, 0, opHandle, 0, 0, HEADER_SIZE + ATTRIBUTES_SIZE);
        putAttributes(b, a);
        return b.array();
    }

    /** The header followed by an AEAD nonce. */
    public static byte[] headerWithNonce(int function, int keyId, int alg, byte[] nonce) {
        ByteBuffer b = headerBuffer(function, keyId, alg, 0, 0, 0, HEADER_SIZE + nonce.length);
        b.put(nonce);
        return b.array();
    }

    private static ByteBuffer headerBuffer(int function, int keyId, int alg, int opHandle, int step, long capacity,
                                           int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(function).putInt(keyId).putInt(alg).putInt(opHandle).putInt(step).putInt((int) capacity);
        return b;
    }

    /** Encodes attributes (24 bytes) into {@code b}. */
    public static void putAttributes(ByteBuffer b, KeyAttributes a) {
        b.putInt(a.id()).putInt(a.lifetime()).putInt(a.type()).putInt(a.bits()).putInt(a.usage())
                .putInt(a.algorithm());
    }

    /** Encodes attributes as a 24-byte array. */
    public static byte[] attributes(KeyAttributes a) {
        ByteBuffer b = ByteBuffer.allocate(ATTRIBUTES_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        putAttributes(b, a);
        return b.array();
    }

    /** Decodes 24 bytes of attributes (client side; the length is checked by the caller). */
    public static KeyAttributes readAttributes(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return KeyAttributes.of(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }

    /** A little-endian u32. */
    public static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /** Reads a little-endian u32 at offset 0. */
    public static int readU32(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
