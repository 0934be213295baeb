package io.github.cai4j.crypto.internal;

import io.github.cai4j.crypto.DerivationStep;
import io.github.cai4j.crypto.PsaAlgorithm;
import io.github.cai4j.crypto.PsaKeyType;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * The state of one key derivation operation inside the partition: the PSA rules of
 * {@code spec/mcuboot-psa.md} B7 (step order, capacity, readiness) with Mbed TLS's statuses, for HKDF,
 * HKDF-Extract, HKDF-Expand and the TLS 1.2 PRF over SHA-256, optionally behind ECDH, and TF-M 1.6's HUK
 * derivation (which only collects a label).
 */
final class DerivationOperation {
    enum Kind { HKDF, HKDF_EXTRACT, HKDF_EXPAND, TLS12_PRF, TFM_HUK }

    private static final int INIT = 0;
    private static final int STARTED = 1;
    private static final int KEYED = 2;
    private static final int OUTPUT = 3;
    private static final int TLS_SEED_SET = 1;
    private static final int TLS_KEY_SET = 2;
    private static final int TLS_LABEL_SET = 3;

    final int handle;
    final int owner;
    final int alg;
    final Kind kind;
    long capacity;
    /** After a failed input: only abort is allowed. */
    boolean failed;
    /** A SECRET came from a key (or key agreement): output_key is allowed. */
    boolean canOutputKey;
    /** TF-M 1.6 HUK derivation: {@code LE32(caller) || label}. */
    byte[] hukLabel;

    private int state = INIT;
    private byte[] salt = new byte[0];
    private byte[] prk;
    private byte[] info = new byte[0];
    private boolean infoSet;
    private byte[] seed;
    private byte[] secret;
    private byte[] label;
    private Hkdf.Stream hkdfStream;
    private Tls12Stream tlsStream;
    private int extractPos;

    private DerivationOperation(int handle, int owner, int alg, Kind kind, long capacity) {
        this.handle = handle;
        this.owner = owner;
        this.alg = alg;
        this.kind = kind;
        this.capacity = capacity;
    }

    /** {@code psa_key_derivation_setup}'s algorithm checks; returns the new operation. */
    static DerivationOperation setup(int handle, int owner, int alg, boolean hukDerivationSupported)
            throws PsaException {
        if (alg == PsaAlgorithm.TFM_CRYPTO_ALG_HUK_DERIVATION && hukDerivationSupported) {
            // TF-M 1.6 only records the algorithm: the capacity stays 0.
            return new DerivationOperation(handle, owner, alg, Kind.TFM_HUK, 0);
        }
        Kind kind;
        if (PsaAlgorithm.isRawKeyAgreement(alg)) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "a raw key agreement is not a derivation");
        } else if (PsaAlgorithm.isKeyAgreement(alg)) {
            if (PsaAlgorithm.keyAgreementBase(alg) != PsaAlgorithm.ECDH) {
                throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "key agreement "
                        + PsaAlgorithm.name(PsaAlgorithm.keyAgreementBase(alg)) + " not supported");
            }
            kind = kdfKind(PsaAlgorithm.keyAgreementKdf(alg));
        } else if (PsaAlgorithm.isKeyDerivation(alg)) {
            kind = kdfKind(alg);
        } else {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, PsaAlgorithm.name(alg)
                    + " is not a key derivation algorithm");
        }
        long capacity = kind == Kind.HKDF_EXTRACT ? Hkdf.HASH_LEN : Hkdf.MAX_OUTPUT;
        return new DerivationOperation(handle, owner, alg, kind, capacity);
    }

    private static Kind kdfKind(int kdf) throws PsaException {
        Kind kind;
        if (PsaAlgorithm.isHkdf(kdf)) {
            kind = Kind.HKDF;
        } else if (PsaAlgorithm.isHkdfExtract(kdf)) {
            kind = Kind.HKDF_EXTRACT;
        } else if (PsaAlgorithm.isHkdfExpand(kdf)) {
            kind = Kind.HKDF_EXPAND;
        } else if (PsaAlgorithm.isTls12Prf(kdf)) {
            kind = Kind.TLS12_PRF;
        } else {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "key derivation " + PsaAlgorithm.name(kdf)
                    + " not supported");
        }
        if (PsaAlgorithm.kdfHash(kdf) != PsaAlgorithm.SHA_256) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "only SHA-256 based key derivation is supported");
        }
        return kind;
    }

    /** Mbed TLS's {@code psa_key_derivation_check_input_type}: which key types each step accepts. */
    static void checkInputType(int step, int keyType) throws PsaException {
        boolean ok;
        switch (step) {
            case DerivationStep.SECRET:
                ok = keyType == PsaKeyType.DERIVE || keyType == PsaKeyType.NONE;
                break;
            case DerivationStep.OTHER_SECRET:
                ok = keyType == PsaKeyType.DERIVE || keyType == PsaKeyType.RAW_DATA || keyType == PsaKeyType.NONE;
                break;
            case DerivationStep.LABEL:
            case DerivationStep.SALT:
            case DerivationStep.INFO:
            case DerivationStep.SEED:
                ok = keyType == PsaKeyType.RAW_DATA || keyType == PsaKeyType.NONE;
                break;
            case DerivationStep.PASSWORD:
                ok = keyType == PsaKeyType.PASSWORD || keyType == PsaKeyType.RAW_DATA || keyType == PsaKeyType.NONE;
                break;
            case DerivationStep.COST:
                ok = keyType == PsaKeyType.NONE;
                break;
            default:
                ok = false;
        }
        if (!ok) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "step 0x" + Integer.toHexString(step)
                    + " does not take a " + PsaKeyType.name(keyType) + " input");
        }
    }

    /** One input (bytes or a key's material) for the KDF; the input type was checked. */
    void input(int step, byte[] data) throws PsaException {
        if (kind == Kind.TLS12_PRF) {
            inputTls12(step, data);
        } else {
            inputHkdf(step, data);
        }
    }

    private void inputHkdf(int step, byte[] data) throws PsaException {
        switch (step) {
            case DerivationStep.SALT:
                if (kind == Kind.HKDF_EXPAND) {
                    throw invalid("HKDF-Expand takes no salt");
                }
                if (state != INIT) {
                    throw badState("the salt must come first, once");
                }
                salt = data.clone();
                state = STARTED;
                return;
            case DerivationStep.SECRET:
                if (kind == Kind.HKDF_EXPAND) {
                    if (state != INIT) {
                        throw badState("the secret was already given");
                    }
                    if (data.length != Hkdf.HASH_LEN) {
                        throw invalid("the HKDF-Expand secret is a 32-byte PRK");
                    }
                    prk = data.clone();
                    state = KEYED;
                    return;
                }
                if (state == INIT) {
                    if (kind == Kind.HKDF_EXTRACT) {
                        throw badState("HKDF-Extract needs the salt before the secret");
                    }
                    state = STARTED;
                }
                if (state != STARTED) {
                    throw badState("the secret was already given");
                }
                prk = Hkdf.extract(salt, data);
                Arrays.fill(salt, (byte) 0);
                state = KEYED;
                if (kind == Kind.HKDF_EXTRACT) {
                    infoSet = true;
                }
                return;
            case DerivationStep.INFO:
                if (kind == Kind.HKDF_EXTRACT) {
                    throw invalid("HKDF-Extract takes no info");
                }
                if (state == OUTPUT) {
                    throw badState("info after output");
                }
                if (infoSet) {
                    throw badState("info was already given");
                }
                info = data.clone();
                infoSet = true;
                return;
            default:
                throw invalid("step 0x" + Integer.toHexString(step) + " is not an HKDF input");
        }
    }

    private void inputTls12(int step, byte[] data) throws PsaException {
        switch (step) {
            case DerivationStep.SEED:
                if (state != INIT) {
                    throw badState("the seed must come first, once");
                }
                seed = data.clone();
                state = TLS_SEED_SET;
                return;
            case DerivationStep.SECRET:
                if (state != TLS_SEED_SET) {
                    throw badState("the secret must follow the seed");
                }
                secret = data.clone();
                state = TLS_KEY_SET;
                return;
            case DerivationStep.LABEL:
                if (state != TLS_KEY_SET) {
                    throw badState("the label must follow the secret");
                }
                label = data.clone();
                state = TLS_LABEL_SET;
                return;
            default:
                throw invalid("step 0x" + Integer.toHexString(step) + " is not a TLS 1.2 PRF input");
        }
    }

    /** Checks the inputs are complete (BAD_STATE otherwise) and reads the next bytes of output. */
    void read(byte[] out, int offset, int length) throws PsaException {
        if (kind == Kind.TLS12_PRF) {
            if (state != TLS_LABEL_SET && state != OUTPUT) {
                throw badState("the TLS 1.2 PRF needs seed, secret and label before output");
            }
            if (tlsStream == null) {
                tlsStream = new Tls12Stream(secret, label, seed);
            }
            state = OUTPUT;
            tlsStream.read(out, offset, length);
            return;
        }
        if (state < KEYED || (!infoSet && kind != Kind.HKDF_EXTRACT)) {
            throw badState("HKDF needs its secret and info before output");
        }
        state = OUTPUT;
        if (kind == Kind.HKDF_EXTRACT) {
            System.arraycopy(prk, extractPos, out, offset, length);
            extractPos += length;
            return;
        }
        if (hkdfStream == null) {
            hkdfStream = new Hkdf.Stream(prk, info);
        }
        hkdfStream.read(out, offset, length);
    }

    /** Zeroes every secret held. */
    void destroy() {
        zero(prk);
        zero(salt);
        zero(secret);
        zero(hukLabel);
        if (hkdfStream != null) {
            hkdfStream.destroy();
        }
        if (tlsStream != null) {
            tlsStream.destroy();
        }
    }

    private static void zero(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static PsaException badState(String why) {
        return new PsaException(PsaStatus.ERROR_BAD_STATE, why);
    }

    private static PsaException invalid(String why) {
        return new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, why);
    }

    /** TLS 1.2 PRF (RFC 5246 §5) P_SHA256(secret, label || seed), read sequentially. */
    private static final class Tls12Stream {
        private final Mac mac;
        private final byte[] labelSeed;
        private byte[] a;
        private final byte[] block = new byte[Hkdf.HASH_LEN];
        private int used = Hkdf.HASH_LEN;

        Tls12Stream(byte[] secret, byte[] label, byte[] seed) {
            this.mac = Hkdf.hmac(secret);
            ByteArrayOutputStream ls = new ByteArrayOutputStream();
            ls.writeBytes(label);
            ls.writeBytes(seed);
            this.labelSeed = ls.toByteArray();
            this.a = labelSeed;
        }

        void read(byte[] out, int offset, int length) {
            int pos = offset;
            int remaining = length;
            while (remaining > 0) {
                if (used == block.length) {
                    a = mac.doFinal(a);
                    mac.update(a);
                    byte[] b = mac.doFinal(labelSeed);
                    System.arraycopy(b, 0, block, 0, block.length);
                    used = 0;
                }
                int n = Math.min(remaining, block.length - used);
                System.arraycopy(block, used, out, pos, n);
                used += n;
                pos += n;
                remaining -= n;
            }
        }

        void destroy() {
            Arrays.fill(block, (byte) 0);
            mac.reset();
        }
    }
}
