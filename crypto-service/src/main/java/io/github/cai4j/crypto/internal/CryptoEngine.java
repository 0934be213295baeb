package io.github.cai4j.crypto.internal;

import io.github.cai4j.crypto.CryptoConfig;
import io.github.cai4j.crypto.DerivationStep;
import io.github.cai4j.crypto.KeyAttributes;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyIds;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.crypto.PsaKeyUsage;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.psa.platform.SecretBytes;
import io.github.cai4j.psa.spm.Message;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The crypto partition's logic: decodes each request ({@link CryptoWire}), applies the PSA Crypto semantics
 * with Mbed TLS's / TF-M's exact statuses, and writes the outputs. Owner of a key or operation = the
 * message's client id, so no caller can reach another's keys or operations, nor derive from the HUK as
 * anyone but itself.
 */
public final class CryptoEngine {
    private static final String LOG_SOURCE = "Crypto";

    private final HukSource huk;
    private final TfmProfile profile;
    private final SecureRandom random;
    private final PlatformLog log;
    private final KeyStore store;
    private final KeyVault vault;
    private final int maxOperations;
    private final Map<Integer, DerivationOperation> operations = new HashMap<>();
    private final Map<Integer, Key> hukKeys = new HashMap<>();
    private final Deque<BigInteger> injectedNonces = new ArrayDeque<>();
    private int lastHandle;
    private boolean shutDown;

    public CryptoEngine(HukSource huk, CryptoConfig config, PlatformLog log) {
        this.huk = huk;
        this.profile = config.profile();
        this.random = config.random();
        this.log = log;
        this.vault = config.keyPersistence().map(p -> {
            SecretBytes h = huk.read();
            byte[] ikm = h.toByteArray();
            try {
                return new KeyVault(p, ikm, random);
            } finally {
                Arrays.fill(ikm, (byte) 0);
                h.destroy();
            }
        }).orElse(null);
        this.store = new KeyStore(config.keySlots(), config.persistentKeys(), vault);
        this.maxOperations = config.operations();
    }

    synchronized void queueNonce(BigInteger k) {
        injectedNonces.addLast(k);
    }

    /** Handles one message from the gate; only {@link PsaException} escapes. */
    public synchronized int handle(Message m) throws PsaException {
        if (shutDown) {
            throw new PsaException(PsaStatus.ERROR_BAD_STATE, "the crypto service has shut down");
        }
        if (m.type() != 0) {
            throw new PsaException(PsaStatus.ERROR_PROGRAMMER_ERROR, "the crypto service takes call type 0");
        }
        CryptoWire.Request r = CryptoWire.decode(m);
        int owner = m.clientId();
        switch (r.function) {
            case CryptoWire.GET_KEY_ATTRIBUTES:
                m.write(0, CryptoWire.attributes(lookup(owner, r.keyId).attributes));
                break;
            case CryptoWire.IMPORT_KEY:
                m.write(0, CryptoWire.u32(importKey(owner, r.attributes, r.data1)));
                break;
            case CryptoWire.GENERATE_KEY:
                m.write(0, CryptoWire.u32(generateKey(owner, r.attributes)));
                break;
            case CryptoWire.DESTROY_KEY:
                destroyKey(owner, r.keyId);
                break;
            case CryptoWire.EXPORT_KEY:
                writeSecret(m, exportKey(owner, r.keyId));
                break;
            case CryptoWire.EXPORT_PUBLIC_KEY:
                writeOut(m, exportPublicKey(owner, r.keyId));
                break;
            case CryptoWire.SIGN_HASH:
                requireOut(m, Ecdsa.SIGNATURE_BYTES);
                writeOut(m, sign(owner, r.keyId, r.alg, r.data1, false));
                break;
            case CryptoWire.SIGN_MESSAGE:
                requireOut(m, Ecdsa.SIGNATURE_BYTES);
                writeOut(m, sign(owner, r.keyId, r.alg, r.data1, true));
                break;
            case CryptoWire.VERIFY_HASH:
                verify(owner, r.keyId, r.alg, r.data1, r.data2, false);
                break;
            case CryptoWire.VERIFY_MESSAGE:
                verify(owner, r.keyId, r.alg, r.data1, r.data2, true);
                break;
            case CryptoWire.MAC_COMPUTE:
                writeOut(m, mac(owner, r.keyId, r.alg, r.data1, null));
                break;
            case CryptoWire.MAC_VERIFY:
                mac(owner, r.keyId, r.alg, r.data1, r.data2);
                break;
            case CryptoWire.AEAD_ENCRYPT:
            case CryptoWire.AEAD_DECRYPT:
                aead(m, owner, r);
                break;
            case CryptoWire.RAW_KEY_AGREEMENT:
                rawKeyAgreement(m, owner, r);
                break;
            case CryptoWire.HASH_COMPUTE:
                hashCompute(m, r);
                break;
            case CryptoWire.GENERATE_RANDOM: {
                byte[] out = new byte[m.outCapacity(0)];
                random.nextBytes(out);
                m.write(0, out);
                break;
            }
            default:
                return derivation(m, owner, r);
        }
        return PsaStatus.SUCCESS.value();
    }

    // ------------------------------------------------------------------ keys

    /** A key of {@code owner}, or the builtin HUK key as that owner's sub-key (TF-M 1.7+). */
    private Key lookup(int owner, int id) throws PsaException {
        if (id == PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK && profile == TfmProfile.TFM_1_7) {
            return hukKey(owner);
        }
        return store.get(owner, id);
    }

    /**
     * TF-M 1.7+'s builtin HUK as {@code owner} sees it: {@code HKDF-SHA256(salt = empty, IKM = HUK,
     * info = LE32(owner), L = 32)} ({@code spec/firmware.md} §1.3 step 1), computed once per owner.
     */
    private Key hukKey(int owner) {
        Key k = hukKeys.get(owner);
        if (k == null) {
            SecretBytes h = huk.read();
            byte[] ikm = h.toByteArray();
            try {
                byte[] sub = Hkdf.derive(new byte[0], ikm, CryptoWire.u32(owner), 32);
                KeyAttributes a = KeyAttributes.of(PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK, PsaKeyIds.LIFETIME_TFM_BUILTIN,
                        PsaKeyType.DERIVE, 256, PsaKeyUsage.DERIVE, PsaAlgorithm.HKDF_SHA_256);
                k = Key.create(owner, a, sub);
                hukKeys.put(owner, k);
            } finally {
                Arrays.fill(ikm, (byte) 0);
                h.destroy();
            }
        }
        return k;
    }

    private int importKey(int owner, KeyAttributes a, byte[] data) throws PsaException {
        if (data.length == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "empty key data");
        }
        store.checkCreation(owner, a);
        int bits = KeyStore.validateMaterial(a, data);
        return store.create(owner, a, data.clone(), bits).id();
    }

    private int generateKey(int owner, KeyAttributes a) throws PsaException {
        int type = a.type();
        int bits = a.bits();
        if (bits == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a generated key needs a size");
        }
        if (PsaKeyType.isPublicKey(type)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a public key cannot be generated");
        }
        store.checkCreation(owner, a);
        byte[] material;
        switch (type) {
            case PsaKeyType.AES:
                if (bits != 128 && bits != 192 && bits != 256) {
                    throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "AES keys are 128, 192 or 256 bits");
                }
                material = randomBytes(bits / 8);
                break;
            case PsaKeyType.HMAC:
            case PsaKeyType.DERIVE:
            case PsaKeyType.RAW_DATA:
            case PsaKeyType.PASSWORD:
                if (bits % 8 != 0) {
                    throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "key size must be a whole number of bytes");
                }
                if (bits / 8 > KeyStore.MAX_KEY_BYTES) {
                    throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "key too large");
                }
                material = randomBytes(bits / 8);
                break;
            case PsaKeyType.ECC_KEY_PAIR_SECP_R1:
                if (bits != 256) {
                    throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "only 256-bit SECP_R1 keys are supported");
                }
                material = generateScalar();
                break;
            default:
                throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "cannot generate " + PsaKeyType.name(type));
        }
        return store.create(owner, a, material, bits).id();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** d in [1, n-1] by the PSA method: draw 32 bytes k, redraw if k &gt; n-2, d = k + 1. */
    private byte[] generateScalar() {
        byte[] draw = new byte[P256.SCALAR_BYTES];
        while (true) {
            random.nextBytes(draw);
            BigInteger d = P256.scalarFromDraw(draw);
            if (d != null) {
                Arrays.fill(draw, (byte) 0);
                return P256.scalarBytes(d);
            }
        }
    }

    private void destroyKey(int owner, int id) throws PsaException {
        if (id == PsaKeyIds.NULL) {
            return;
        }
        if (id == PsaKeyIds.TFM_BUILTIN_KEY_ID_HUK && profile == TfmProfile.TFM_1_7) {
            throw new PsaException(PsaStatus.ERROR_NOT_PERMITTED, "builtin keys cannot be destroyed");
        }
        store.destroy(store.get(owner, id));
    }

    private byte[] exportKey(int owner, int id) throws PsaException {
        Key k = lookup(owner, id);
        KeyStore.checkPolicy(k, PsaKeyUsage.EXPORT, 0);
        if (k.type() == PsaKeyType.ECC_PUBLIC_KEY_SECP_R1) {
            return k.publicEncoded();
        }
        return k.material().clone();
    }

    private byte[] exportPublicKey(int owner, int id) throws PsaException {
        Key k = lookup(owner, id);
        if (!PsaKeyType.isAsymmetric(k.type())) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "not an asymmetric key");
        }
        return k.publicEncoded();
    }

    // ------------------------------------------------------------------ signatures

    private byte[] sign(int owner, int id, int alg, byte[] input, boolean isMessage) throws PsaException {
        if (!PsaAlgorithm.isSign(alg)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(alg) + " is not a signature");
        }
        Key k = lookup(owner, id);
        KeyStore.checkPolicy(k, isMessage ? PsaKeyUsage.SIGN_MESSAGE : PsaKeyUsage.SIGN_HASH, alg);
        if (k.type() != PsaKeyType.ECC_KEY_PAIR_SECP_R1) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "signing needs an ECC key pair");
        }
        byte[] hash = signatureInput(alg, input, isMessage);
        boolean deterministic = PsaAlgorithm.isDeterministicEcdsa(alg);
        return Ecdsa.sign(k.privateKey(), hash, deterministic, random, this::nextNonce);
    }

    private void verify(int owner, int id, int alg, byte[] input, byte[] signature, boolean isMessage)
            throws PsaException {
        if (!PsaAlgorithm.isSign(alg)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(alg) + " is not a signature");
        }
        Key k = lookup(owner, id);
        KeyStore.checkPolicy(k, isMessage ? PsaKeyUsage.VERIFY_MESSAGE : PsaKeyUsage.VERIFY_HASH, alg);
        if (!PsaKeyType.isEcc(k.type())) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "verification needs an ECC key");
        }
        byte[] hash = signatureInput(alg, input, isMessage);
        if (!Ecdsa.verify(k.publicKey(), hash, signature)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_SIGNATURE, "signature does not verify");
        }
    }

    private static byte[] signatureInput(int alg, byte[] input, boolean isMessage) throws PsaException {
        if (!PsaAlgorithm.isEcdsa(alg)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(alg)
                    + " is not usable with an ECC key");
        }
        if (PsaAlgorithm.signHash(alg) != PsaAlgorithm.SHA_256) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "only ECDSA with SHA-256 is supported");
        }
        if (isMessage) {
            return sha256(input);
        }
        if (input.length > 64) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "hash longer than PSA_HASH_MAX_SIZE");
        }
        return input;
    }

    private BigInteger nextNonce() {
        BigInteger injected = injectedNonces.pollFirst();
        if (injected != null) {
            return injected;
        }
        byte[] b = new byte[P256.SCALAR_BYTES];
        random.nextBytes(b);
        BigInteger k = new BigInteger(1, b);
        Arrays.fill(b, (byte) 0);
        return k;
    }

    // ------------------------------------------------------------------ MAC

    /**
     * {@code psa_mac_compute} (expected == null) or {@code psa_mac_verify}: HMAC-SHA256, optionally truncated
     * (4..32 bytes); the comparison is constant-time.
     */
    private byte[] mac(int owner, int id, int alg, byte[] input, byte[] expected) throws PsaException {
        if (!PsaAlgorithm.isMac(alg) || (alg & 0x8000) != 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(alg) + " is not a MAC");
        }
        Key k = lookup(owner, id);
        KeyStore.checkPolicy(k, expected == null ? PsaKeyUsage.SIGN_MESSAGE : PsaKeyUsage.VERIFY_MESSAGE, alg);
        if (PsaAlgorithm.fullLengthMac(alg) != PsaAlgorithm.HMAC_SHA_256) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, PsaAlgorithm.name(alg) + " not supported");
        }
        if (k.type() != PsaKeyType.HMAC) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "HMAC needs an HMAC key");
        }
        int length = PsaAlgorithm.macTruncation(alg);
        if (length == 0) {
            length = Hkdf.HASH_LEN;
        }
        if (length > Hkdf.HASH_LEN) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "MAC longer than the hash");
        }
        if (length < 4) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "MACs shorter than 4 bytes are not supported");
        }
        byte[] full = Hkdf.hmac(k.material()).doFinal(input);
        byte[] tag = Arrays.copyOf(full, length);
        Arrays.fill(full, (byte) 0);
        if (expected != null && !MessageDigest.isEqual(tag, expected)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_SIGNATURE, "MAC does not verify");
        }
        return tag;
    }

    // ------------------------------------------------------------------ AEAD, ECDH, hash

    private void aead(Message m, int owner, CryptoWire.Request r) throws PsaException {
        boolean encrypt = r.function == CryptoWire.AEAD_ENCRYPT;
        int alg = r.alg;
        if (!PsaAlgorithm.isAead(alg) || (alg & 0x8000) != 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(alg) + " is not an AEAD");
        }
        Key k = lookup(owner, r.keyId);
        KeyStore.checkPolicy(k, encrypt ? PsaKeyUsage.ENCRYPT : PsaKeyUsage.DECRYPT, alg);
        if (k.type() != PsaKeyType.AES) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "AEAD needs an AES key");
        }
        if (PsaAlgorithm.aeadBase(alg) != PsaAlgorithm.GCM) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, PsaAlgorithm.name(alg) + " not supported");
        }
        if (PsaAlgorithm.aeadTagLength(alg) != Aead.TAG_BYTES) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "only 16-byte GCM tags are supported");
        }
        if (r.nonce.length == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "empty nonce");
        }
        if (r.nonce.length != Aead.NONCE_BYTES) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "only 12-byte GCM nonces are supported");
        }
        if (encrypt) {
            requireOut(m, r.data2.length + Aead.TAG_BYTES);
            m.write(0, Aead.encrypt(k.material(), r.nonce, r.data1, r.data2));
        } else {
            if (r.data2.length < Aead.TAG_BYTES) {
                throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "ciphertext shorter than the tag");
            }
            requireOut(m, r.data2.length - Aead.TAG_BYTES);
            byte[] plain = Aead.decrypt(k.material(), r.nonce, r.data1, r.data2);
            if (plain == null) {
                throw new PsaException(PsaStatus.ERROR_INVALID_SIGNATURE, "AEAD tag does not authenticate");
            }
            writeSecret(m, plain);
        }
    }

    private void rawKeyAgreement(Message m, int owner, CryptoWire.Request r) throws PsaException {
        if (!PsaAlgorithm.isRawKeyAgreement(r.alg)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(r.alg)
                    + " is not a raw key agreement");
        }
        Key k = lookup(owner, r.keyId);
        KeyStore.checkPolicy(k, PsaKeyUsage.DERIVE, r.alg);
        byte[] secret = ecdh(k, r.alg, r.data1);
        requireOut(m, secret.length);
        writeSecret(m, secret);
    }

    /** ECDH P-256: the X coordinate of d * peer, the peer point validated first. */
    private static byte[] ecdh(Key k, int rawAlg, byte[] peer) throws PsaException {
        if (k.type() != PsaKeyType.ECC_KEY_PAIR_SECP_R1) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "key agreement needs an ECC key pair");
        }
        if (rawAlg != PsaAlgorithm.ECDH) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, PsaAlgorithm.name(rawAlg) + " not supported");
        }
        ECPoint q = P256.decodePublic(peer);
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(k.privateKey());
        BigInteger x;
        try {
            x = agreement.calculateAgreement(new ECPublicKeyParameters(q, P256.DOMAIN));
        } catch (IllegalStateException e) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "key agreement gave the identity");
        }
        return P256.scalarBytes(x);
    }

    private static void hashCompute(Message m, CryptoWire.Request r) throws PsaException {
        if (!PsaAlgorithm.isHash(r.alg)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(r.alg) + " is not a hash");
        }
        if (r.alg != PsaAlgorithm.SHA_256) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, PsaAlgorithm.name(r.alg) + " not supported");
        }
        byte[] h = sha256(r.data1);
        requireOut(m, h.length);
        m.write(0, h);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    // ------------------------------------------------------------------ key derivation

    private int derivation(Message m, int owner, CryptoWire.Request r) throws PsaException {
        if (r.function == CryptoWire.KDF_SETUP) {
            if (r.opHandle != 0) {
                throw new PsaException(PsaStatus.ERROR_BAD_STATE, "the operation is already active");
            }
            if (operations.size() >= maxOperations) {
                throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_MEMORY, "no free operation slot");
            }
            int handle = nextHandle();
            DerivationOperation op = DerivationOperation.setup(handle, owner, r.alg, profile == TfmProfile.TFM_1_6);
            operations.put(handle, op);
            m.write(0, CryptoWire.u32(handle));
            return PsaStatus.SUCCESS.value();
        }
        if (r.function == CryptoWire.KDF_ABORT) {
            DerivationOperation op = operations.get(r.opHandle);
            if (op != null && op.owner == owner) {
                operations.remove(r.opHandle);
                op.destroy();
            }
            return PsaStatus.SUCCESS.value();
        }
        DerivationOperation op = operations.get(r.opHandle);
        if (op == null || op.owner != owner || r.opHandle == 0) {
            throw new PsaException(PsaStatus.ERROR_BAD_STATE, "no such active operation");
        }
        if (op.failed) {
            throw new PsaException(PsaStatus.ERROR_BAD_STATE, "the operation failed and must be aborted");
        }
        switch (r.function) {
            case CryptoWire.KDF_GET_CAPACITY:
                m.write(0, CryptoWire.u32((int) op.capacity));
                break;
            case CryptoWire.KDF_SET_CAPACITY:
                if (r.capacity > op.capacity) {
                    throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "capacity can only decrease");
                }
                op.capacity = r.capacity;
                break;
            case CryptoWire.KDF_INPUT_BYTES:
                inputBytes(op, owner, r.step, r.data1);
                break;
            case CryptoWire.KDF_INPUT_KEY:
                failOnError(op, () -> inputKey(op, owner, r.step, r.keyId));
                break;
            case CryptoWire.KDF_KEY_AGREEMENT:
                failOnError(op, () -> keyAgreement(op, owner, r.step, r.keyId, r.data1));
                break;
            case CryptoWire.KDF_OUTPUT_BYTES: {
                byte[] out = new byte[m.outCapacity(0)];
                outputBytes(op, out);
                writeSecret(m, out);
                break;
            }
            case CryptoWire.KDF_OUTPUT_KEY:
                m.write(0, CryptoWire.u32(outputKey(op, owner, r.attributes)));
                break;
            default:
                throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "unknown crypto function " + r.function);
        }
        return PsaStatus.SUCCESS.value();
    }

    private int nextHandle() {
        do {
            lastHandle = lastHandle == Integer.MAX_VALUE ? 1 : lastHandle + 1;
        } while (operations.containsKey(lastHandle));
        return lastHandle;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws PsaException;
    }

    /** A failed input puts the operation in its error state (Mbed TLS aborts it). */
    private static void failOnError(DerivationOperation op, Step step) throws PsaException {
        try {
            step.run();
        } catch (PsaException e) {
            op.failed = true;
            throw e;
        }
    }

    private void inputBytes(DerivationOperation op, int owner, int step, byte[] data) throws PsaException {
        if (op.kind == DerivationOperation.Kind.TFM_HUK) {
            // TF-M 1.6 tfm_crypto_huk_derivation_input_bytes: only a LABEL, prefixed with the caller's id.
            if (step != DerivationStep.LABEL) {
                throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "HUK derivation takes only a LABEL");
            }
            byte[] label = new byte[4 + data.length];
            System.arraycopy(CryptoWire.u32(owner), 0, label, 0, 4);
            System.arraycopy(data, 0, label, 4, data.length);
            if (op.hukLabel != null) {
                Arrays.fill(op.hukLabel, (byte) 0);
            }
            op.hukLabel = label;
            return;
        }
        failOnError(op, () -> {
            DerivationOperation.checkInputType(step, PsaKeyType.NONE);
            op.input(step, data);
        });
    }

    private void inputKey(DerivationOperation op, int owner, int step, int keyId) throws PsaException {
        Key k = lookup(owner, keyId);
        KeyStore.checkPolicy(k, PsaKeyUsage.DERIVE, op.alg);
        if (op.kind == DerivationOperation.Kind.TFM_HUK) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "HUK derivation takes no key input");
        }
        DerivationOperation.checkInputType(step, k.type());
        if (step == DerivationStep.SECRET || step == DerivationStep.PASSWORD) {
            op.canOutputKey = true;
        }
        op.input(step, k.material());
    }

    private void keyAgreement(DerivationOperation op, int owner, int step, int keyId, byte[] peer)
            throws PsaException {
        if (!PsaAlgorithm.isKeyAgreement(op.alg)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "not a key agreement operation");
        }
        Key k = lookup(owner, keyId);
        KeyStore.checkPolicy(k, PsaKeyUsage.DERIVE, op.alg);
        byte[] secret = ecdh(k, PsaAlgorithm.keyAgreementBase(op.alg), peer);
        try {
            DerivationOperation.checkInputType(step, PsaKeyType.DERIVE);
            op.input(step, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        if (step == DerivationStep.SECRET) {
            op.canOutputKey = true;
        }
    }

    /** {@code psa_key_derivation_output_bytes}: capacity first, then readiness (Mbed TLS's order). */
    private static void outputBytes(DerivationOperation op, byte[] out) throws PsaException {
        int length = out.length;
        if (length == 0 && op.capacity == 0) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_DATA, "the operation's capacity is exhausted");
        }
        if (length > op.capacity) {
            op.capacity = 0;
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_DATA, "output larger than the remaining capacity");
        }
        try {
            op.read(out, 0, length);
        } catch (PsaException e) {
            op.failed = true;
            throw e;
        }
        op.capacity -= length;
    }

    private int outputKey(DerivationOperation op, int owner, KeyAttributes a) throws PsaException {
        if (op.kind == DerivationOperation.Kind.TFM_HUK) {
            return hukOutputKey(op, owner, a);
        }
        int type = a.type();
        int bits = a.bits();
        if (bits == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a derived key needs a size");
        }
        if (PsaKeyType.isPublicKey(type)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a public key cannot be derived");
        }
        if (!op.canOutputKey) {
            throw new PsaException(PsaStatus.ERROR_NOT_PERMITTED,
                    "output_key needs a secret given as a key (not as bytes)");
        }
        store.checkCreation(owner, a);
        byte[] material;
        switch (type) {
            case PsaKeyType.AES:
            case PsaKeyType.HMAC:
            case PsaKeyType.DERIVE:
            case PsaKeyType.RAW_DATA:
            case PsaKeyType.PASSWORD:
                if (bits % 8 != 0 || (type == PsaKeyType.AES && bits != 128 && bits != 192 && bits != 256)) {
                    throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "invalid size " + bits + " for "
                            + PsaKeyType.name(type));
                }
                if (bits / 8 > KeyStore.MAX_KEY_BYTES) {
                    throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "key too large");
                }
                material = new byte[bits / 8];
                outputBytes(op, material);
                break;
            case PsaKeyType.ECC_KEY_PAIR_SECP_R1:
                if (bits != 256) {
                    throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "SECP_R1 derivation supports 256 bits");
                }
                material = deriveScalar(op);
                break;
            default:
                if (PsaKeyType.isEccKeyPair(type)) {
                    throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "curve not supported");
                }
                throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "cannot derive " + PsaKeyType.name(type));
        }
        return store.create(owner, a, material, bits).id();
    }

    /**
     * The PSA Weierstrass method for P-256 ({@code spec/mcuboot-psa.md} B7): draw 32 bytes k (big-endian),
     * redraw while k &gt; n-2, output d = k + 1.
     */
    private static byte[] deriveScalar(DerivationOperation op) throws PsaException {
        byte[] draw = new byte[P256.SCALAR_BYTES];
        try {
            while (true) {
                outputBytes(op, draw);
                BigInteger d = P256.scalarFromDraw(draw);
                if (d != null) {
                    return P256.scalarBytes(d);
                }
            }
        } finally {
            Arrays.fill(draw, (byte) 0);
        }
    }

    /**
     * TF-M 1.6 {@code tfm_crypto_huk_derivation_output_key}: {@code bits/8} bytes of
     * {@code HKDF-SHA256(salt = LE32(caller) || label, IKM = HUK, info = empty)} ({@code spec/firmware.md} §1.2),
     * imported with the caller's attributes.
     */
    private int hukOutputKey(DerivationOperation op, int owner, KeyAttributes a) throws PsaException {
        int bytes = (a.bits() + 7) / 8;
        if (a.bits() < 0 || bytes > 64) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_MEMORY, "HUK derivation outputs at most 64 bytes");
        }
        byte[] salt = op.hukLabel == null ? new byte[0] : op.hukLabel;
        SecretBytes h = huk.read();
        byte[] ikm = h.toByteArray();
        byte[] derived;
        try {
            derived = Hkdf.derive(salt, ikm, new byte[0], bytes);
        } finally {
            Arrays.fill(ikm, (byte) 0);
            h.destroy();
        }
        try {
            return importKey(owner, a, derived);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    // ------------------------------------------------------------------ output helpers

    private static void requireOut(Message m, int size) throws PsaException {
        if (m.outCapacity(0) < size) {
            throw new PsaException(PsaStatus.ERROR_BUFFER_TOO_SMALL, "output buffer of " + m.outCapacity(0)
                    + " bytes, " + size + " needed");
        }
    }

    private static void writeOut(Message m, byte[] data) throws PsaException {
        requireOut(m, data.length);
        m.write(0, data);
    }

    /** Writes secret bytes and zeroes the partition's copy. */
    private static void writeSecret(Message m, byte[] data) throws PsaException {
        try {
            writeOut(m, data);
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** For tests: the key object behind an id (to check zeroing). */
    synchronized Object keyForTest(int owner, int id) throws PsaException {
        return lookup(owner, id);
    }

    @Override
    public String toString() {
        return "CryptoEngine[" + profile + ", keys=" + store.size() + ", operations=" + operations.size() + "]";
    }

    /**
     * The secure world halted: zero every key held in memory (persistent keys stay sealed in storage), the HUK
     * sub-keys, the derivation operations' secrets and the sealing key. Nothing is answered afterwards.
     */
    public synchronized void shutdown() {
        shutDown = true;
        store.destroyAllInMemory();
        for (Key k : hukKeys.values()) {
            k.destroy();
        }
        hukKeys.clear();
        for (DerivationOperation op : operations.values()) {
            op.destroy();
        }
        operations.clear();
        if (vault != null) {
            vault.destroy();
        }
    }

    /** Hands the partition's own client to the key vault (the storage it calls is one of its dependencies). */
    public void bind(io.github.cai4j.psa.PsaClient crypto) {
        if (vault != null) {
            vault.bind(crypto);
        }
    }

    /** Called once at boot: one line with the configuration (nothing secret is ever logged). */
    public void logStart() {
        log.log(PlatformLog.Level.DEBUG, LOG_SOURCE, "crypto service ready: HUK derivation " + profile + ", "
                + maxOperations + " operation slots" + (vault == null ? "" : ", persistent keys sealed in storage"));
    }
}
