package io.github.cai4j.crypto;

import io.github.cai4j.crypto.internal.CryptoWire;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaException;

/**
 * A PSA key derivation operation ({@code psa_key_derivation_operation_t}) held by a caller: a handle to the
 * operation state inside the crypto partition, which only this caller can use. Flow
 * ({@code spec/mcuboot-psa.md} B7): {@link #setup} → inputs → optional {@link #setCapacity} → outputs →
 * {@link #abort}. After a failed input the operation is in an error state: every call but {@link #abort}
 * returns {@code PSA_ERROR_BAD_STATE}. An inactive or aborted operation answers {@code PSA_ERROR_BAD_STATE}.
 *
 * <p>Always abort (or close) an operation: the partition has a small number of operation slots.
 */
public final class KeyDerivation implements AutoCloseable {
    private final CryptoClient crypto;
    private int handle;

    KeyDerivation(CryptoClient crypto) {
        this.crypto = crypto;
    }

    /** The partition's operation handle (0 while inactive). */
    public int handle() {
        return handle;
    }

    /** {@code psa_key_derivation_setup}: BAD_STATE if this operation is already active. */
    public void setup(int alg) throws PsaException {
        byte[] out = new byte[4];
        crypto.call("psa_key_derivation_setup", new InVec[] {header(CryptoWire.KDF_SETUP, 0, alg, 0, 0)},
                new OutVec[] {OutVec.of(out)});
        handle = CryptoWire.readU32(out);
    }

    /** {@code psa_key_derivation_get_capacity} (an unsigned 32-bit {@code size_t}). */
    public long capacity() throws PsaException {
        byte[] out = new byte[4];
        crypto.call("psa_key_derivation_get_capacity", new InVec[] {header(CryptoWire.KDF_GET_CAPACITY, 0, 0, 0, 0)},
                new OutVec[] {OutVec.of(out)});
        return Integer.toUnsignedLong(CryptoWire.readU32(out));
    }

    /** {@code psa_key_derivation_set_capacity}: INVALID_ARGUMENT if larger than the current capacity. */
    public void setCapacity(long capacity) throws PsaException {
        if (capacity < 0 || capacity > 0xffff_ffffL) {
            throw new IllegalArgumentException("capacity is a 32-bit size_t: " + capacity);
        }
        crypto.call("psa_key_derivation_set_capacity",
                new InVec[] {header(CryptoWire.KDF_SET_CAPACITY, 0, 0, 0, capacity)}, new OutVec[0]);
    }

    /** {@code psa_key_derivation_input_bytes} ({@link DerivationStep}). */
    public void inputBytes(int step, byte[] data) throws PsaException {
        crypto.call("psa_key_derivation_input_bytes", new InVec[] {header(CryptoWire.KDF_INPUT_BYTES, 0, 0, step, 0),
            InVec.of(data)}, new OutVec[0]);
    }

    /**
     * {@code psa_key_derivation_input_key}: the key needs {@link PsaKeyUsage#DERIVE} and a policy that permits
     * this operation's algorithm; a SECRET must be a DERIVE key (such as
     * {@link PsaKeyIds#TFM_BUILTIN_KEY_ID_HUK}).
     */
    public void inputKey(int step, int keyId) throws PsaException {
        crypto.call("psa_key_derivation_input_key",
                new InVec[] {header(CryptoWire.KDF_INPUT_KEY, keyId, 0, step, 0)}, new OutVec[0]);
    }

    /** {@code psa_key_derivation_key_agreement}: ECDH with a private key and the peer's public point. */
    public void keyAgreement(int step, int privateKeyId, byte[] peerPublicKey) throws PsaException {
        crypto.call("psa_key_derivation_key_agreement", new InVec[] {
            header(CryptoWire.KDF_KEY_AGREEMENT, privateKeyId, 0, step, 0), InVec.of(peerPublicKey)},
                new OutVec[0]);
    }

    /** {@code psa_key_derivation_output_bytes}: INSUFFICIENT_DATA (and capacity 0) if over capacity. */
    public byte[] outputBytes(int length) throws PsaException {
        return crypto.callForBytes("psa_key_derivation_output_bytes",
                new InVec[] {header(CryptoWire.KDF_OUTPUT_BYTES, 0, 0, 0, 0)}, length);
    }

    /**
     * {@code psa_key_derivation_output_key}: a new key from the operation's output stream (for an ECC P-256
     * key pair the PSA method: draw 32 bytes, redraw if k &gt; n-2, d = k+1); returns its id.
     */
    public int outputKey(KeyAttributes attributes) throws PsaException {
        byte[] out = new byte[4];
        crypto.call("psa_key_derivation_output_key", new InVec[] {
            InVec.of(CryptoWire.headerWithAttributes(CryptoWire.KDF_OUTPUT_KEY, handle, attributes))},
                new OutVec[] {OutVec.of(out)});
        return CryptoWire.readU32(out);
    }

    /** {@code psa_key_derivation_abort}: always succeeds; the operation becomes inactive. */
    public void abort() throws PsaException {
        int h = handle;
        handle = 0;
        crypto.call("psa_key_derivation_abort", new InVec[] {
            InVec.of(CryptoWire.header(CryptoWire.KDF_ABORT, 0, 0, h, 0, 0))}, new OutVec[0]);
    }

    /** Aborts the operation. */
    @Override
    public void close() throws PsaException {
        abort();
    }

    private InVec header(int function, int keyId, int alg, int step, long capacity) {
        return InVec.of(CryptoWire.header(function, keyId, alg, handle, step, capacity));
    }

    @Override
    public String toString() {
        return "KeyDerivation[handle=0x" + Integer.toHexString(handle) + "]";
    }
}
