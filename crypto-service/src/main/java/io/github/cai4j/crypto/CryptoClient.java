package io.github.cai4j.crypto;

import io.github.cai4j.crypto.internal.CryptoWire;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Arrays;
import java.util.Objects;

/**
 * The PSA Crypto API as seen by one caller: every method is one call through the gate to the crypto partition
 * (SID 0x80, stateless handle {@link CryptoPartition#HANDLE}), as the caller identity of the given
 * {@link PsaClient}. Non-secure code builds it on its non-secure client; a partition builds it on
 * {@code PartitionContext.client()} and must list {@link CryptoPartition#SID} in its manifest's dependencies.
 *
 * <p>Keys are named by id and belong to the caller that created them: no other caller can use, export or
 * destroy them. Private keys never leave the partition; only public keys and keys created with
 * {@link PsaKeyUsage#EXPORT} can be exported. Failures throw {@link PsaException} with the exact PSA status;
 * a failed signature verification is a {@code false} result, not an exception.
 *
 * <p>Not thread-safe per {@link KeyDerivation} object; the client itself holds no state.
 */
public final class CryptoClient {
    /** Largest key export this client accepts. */
    static final int EXPORT_BUFFER_SIZE = 1024;
    private static final int SIGNATURE_SIZE = 64;
    private static final int AEAD_TAG_SIZE = 16;

    private final PsaClient client;

    public CryptoClient(PsaClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The caller identity this client uses (the owner of the keys it creates). */
    public int clientId() {
        return client.clientId();
    }

    // ------------------------------------------------------------------ key management

    /** {@code psa_get_key_attributes}. */
    public KeyAttributes getKeyAttributes(int keyId) throws PsaException {
        byte[] out = new byte[CryptoWire.ATTRIBUTES_SIZE];
        call("psa_get_key_attributes", new InVec[] {header(CryptoWire.GET_KEY_ATTRIBUTES, keyId, 0)},
                new OutVec[] {OutVec.of(out)});
        return CryptoWire.readAttributes(out);
    }

    /** {@code psa_import_key}: returns the new key's id. */
    public int importKey(KeyAttributes attributes, byte[] data) throws PsaException {
        byte[] id = new byte[4];
        call("psa_import_key", new InVec[] {
            InVec.of(CryptoWire.headerWithAttributes(CryptoWire.IMPORT_KEY, 0, attributes)), InVec.of(data)},
                new OutVec[] {OutVec.of(id)});
        return CryptoWire.readU32(id);
    }

    /** {@code psa_generate_key}: returns the new key's id. */
    public int generateKey(KeyAttributes attributes) throws PsaException {
        byte[] id = new byte[4];
        call("psa_generate_key", new InVec[] {
            InVec.of(CryptoWire.headerWithAttributes(CryptoWire.GENERATE_KEY, 0, attributes))},
                new OutVec[] {OutVec.of(id)});
        return CryptoWire.readU32(id);
    }

    /** {@code psa_destroy_key}: the partition zeroes the key material. Id 0 is a no-op. */
    public void destroyKey(int keyId) throws PsaException {
        call("psa_destroy_key", new InVec[] {header(CryptoWire.DESTROY_KEY, keyId, 0)}, new OutVec[0]);
    }

    /** {@code psa_export_key}: needs {@link PsaKeyUsage#EXPORT} (public keys are always exportable). */
    public byte[] exportKey(int keyId) throws PsaException {
        return callForBytes("psa_export_key", new InVec[] {header(CryptoWire.EXPORT_KEY, keyId, 0)},
                EXPORT_BUFFER_SIZE);
    }

    /** {@code psa_export_public_key}: for P-256 the 65 bytes {@code 04 || X || Y}. */
    public byte[] exportPublicKey(int keyId) throws PsaException {
        return callForBytes("psa_export_public_key", new InVec[] {header(CryptoWire.EXPORT_PUBLIC_KEY, keyId, 0)},
                EXPORT_BUFFER_SIZE);
    }

    // ------------------------------------------------------------------ signatures

    /**
     * {@code psa_sign_hash}: ECDSA P-256, raw {@code r || s} (64 bytes). {@link PsaAlgorithm#ECDSA_SHA_256}
     * is randomized, {@link PsaAlgorithm#DETERMINISTIC_ECDSA_SHA_256} is RFC 6979; the key's policy must
     * permit the algorithm.
     */
    public byte[] signHash(int keyId, int alg, byte[] hash) throws PsaException {
        return callForBytes("psa_sign_hash", new InVec[] {header(CryptoWire.SIGN_HASH, keyId, alg), InVec.of(hash)},
                SIGNATURE_SIZE);
    }

    /**
     * {@code psa_verify_hash}: {@code true} if the signature is valid, {@code false} for
     * {@code PSA_ERROR_INVALID_SIGNATURE}; any other failure throws.
     */
    public boolean verifyHash(int keyId, int alg, byte[] hash, byte[] signature) throws PsaException {
        return verify("psa_verify_hash", CryptoWire.VERIFY_HASH, keyId, alg, hash, signature);
    }

    /** {@code psa_sign_message}: hashes with the algorithm's hash, then signs. */
    public byte[] signMessage(int keyId, int alg, byte[] message) throws PsaException {
        return callForBytes("psa_sign_message",
                new InVec[] {header(CryptoWire.SIGN_MESSAGE, keyId, alg), InVec.of(message)}, SIGNATURE_SIZE);
    }

    /** {@code psa_verify_message}: {@code false} for an invalid signature. */
    public boolean verifyMessage(int keyId, int alg, byte[] message, byte[] signature) throws PsaException {
        return verify("psa_verify_message", CryptoWire.VERIFY_MESSAGE, keyId, alg, message, signature);
    }

    private boolean verify(String what, int function, int keyId, int alg, byte[] input, byte[] signature)
            throws PsaException {
        CallResult r = client.call(CryptoPartition.HANDLE, new InVec[] {header(function, keyId, alg),
            InVec.of(input), InVec.of(signature)}, new OutVec[0]);
        if (r.status() == PsaStatus.ERROR_INVALID_SIGNATURE.value()) {
            return false;
        }
        r.orThrow(what);
        return true;
    }

    // ------------------------------------------------------------------ MAC

    /**
     * {@code psa_mac_compute}: HMAC-SHA256 ({@link PsaAlgorithm#HMAC_SHA_256}, or
     * {@link PsaAlgorithm#truncatedMac} of it) with an HMAC key allowing {@link PsaKeyUsage#SIGN_MESSAGE}.
     */
    public byte[] macCompute(int keyId, int alg, byte[] message) throws PsaException {
        return callForBytes("psa_mac_compute", new InVec[] {header(CryptoWire.MAC_COMPUTE, keyId, alg),
            InVec.of(message)}, 32);
    }

    /**
     * {@code psa_mac_verify} (constant-time inside the partition): {@code false} for
     * {@code PSA_ERROR_INVALID_SIGNATURE}.
     */
    public boolean macVerify(int keyId, int alg, byte[] message, byte[] mac) throws PsaException {
        return verify("psa_mac_verify", CryptoWire.MAC_VERIFY, keyId, alg, message, mac);
    }

    // ------------------------------------------------------------------ AEAD

    /**
     * {@code psa_aead_encrypt}: AES-GCM ({@link PsaAlgorithm#GCM}) with a 12-byte nonce; returns
     * {@code ciphertext || tag}. The caller must never reuse a nonce with the same key.
     */
    public byte[] aeadEncrypt(int keyId, int alg, byte[] nonce, byte[] additionalData, byte[] plaintext)
            throws PsaException {
        return callForBytes("psa_aead_encrypt", new InVec[] {
            InVec.of(CryptoWire.headerWithNonce(CryptoWire.AEAD_ENCRYPT, keyId, alg, nonce)),
            InVec.of(additionalData), InVec.of(plaintext)}, plaintext.length + AEAD_TAG_SIZE);
    }

    /**
     * {@code psa_aead_decrypt}: the plaintext, or {@code PSA_ERROR_INVALID_SIGNATURE} if the tag does not
     * authenticate the inputs.
     */
    public byte[] aeadDecrypt(int keyId, int alg, byte[] nonce, byte[] additionalData, byte[] ciphertext)
            throws PsaException {
        return callForBytes("psa_aead_decrypt", new InVec[] {
            InVec.of(CryptoWire.headerWithNonce(CryptoWire.AEAD_DECRYPT, keyId, alg, nonce)),
            InVec.of(additionalData), InVec.of(ciphertext)}, Math.max(0, ciphertext.length - AEAD_TAG_SIZE));
    }

    // ------------------------------------------------------------------ key agreement, hash, random

    /**
     * {@code psa_raw_key_agreement}: ECDH P-256 ({@link PsaAlgorithm#ECDH}) with the caller's private key and
     * the peer's 65-byte uncompressed point (validated: on the curve, not the identity); returns the 32-byte X.
     */
    public byte[] rawKeyAgreement(int alg, int privateKeyId, byte[] peerPublicKey) throws PsaException {
        return callForBytes("psa_raw_key_agreement", new InVec[] {
            header(CryptoWire.RAW_KEY_AGREEMENT, privateKeyId, alg), InVec.of(peerPublicKey)}, 32);
    }

    /** {@code psa_hash_compute} (SHA-256). */
    public byte[] hashCompute(int alg, byte[] input) throws PsaException {
        return callForBytes("psa_hash_compute", new InVec[] {header(CryptoWire.HASH_COMPUTE, 0, alg),
            InVec.of(input)}, 64);
    }

    /** {@code psa_generate_random}. */
    public byte[] generateRandom(int length) throws PsaException {
        return callForBytes("psa_generate_random", new InVec[] {header(CryptoWire.GENERATE_RANDOM, 0, 0)}, length);
    }

    // ------------------------------------------------------------------ key derivation

    /** A new, inactive key derivation operation ({@code PSA_KEY_DERIVATION_OPERATION_INIT}). */
    public KeyDerivation keyDerivation() {
        return new KeyDerivation(this);
    }

    /** {@code psa_key_derivation_setup} on a new operation. */
    public KeyDerivation keyDerivationSetup(int alg) throws PsaException {
        KeyDerivation op = new KeyDerivation(this);
        op.setup(alg);
        return op;
    }

    // ------------------------------------------------------------------ plumbing

    private static InVec header(int function, int keyId, int alg) {
        return InVec.of(CryptoWire.header(function, keyId, alg, 0, 0, 0));
    }

    CallResult call(String what, InVec[] in, OutVec[] out) throws PsaException {
        return client.call(CryptoPartition.HANDLE, in, out).orThrow(what);
    }

    byte[] callForBytes(String what, InVec[] in, int capacity) throws PsaException {
        byte[] out = new byte[capacity];
        CallResult r = call(what, in, new OutVec[] {OutVec.of(out)});
        int n = r.outLength(0);
        if (n == out.length) {
            return out;
        }
        byte[] result = Arrays.copyOf(out, n);
        Arrays.fill(out, (byte) 0);
        return result;
    }

    @Override
    public String toString() {
        return "CryptoClient[" + client + "]";
    }
}
