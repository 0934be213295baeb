package io.github.cai4j.cose;

import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.KeyType;
import java.util.Optional;

/**
 * What a recipient holds to open a COSE_Encrypt or COSE_Mac: a symmetric key (direct, AES key wrap,
 * direct+HKDF) or a static private key for ECDH (in memory or behind {@link KeyAgreement}). Optional extras: the
 * sender's static public key for ECDH-SS when the message does not carry it, out-of-band KDF context values and a
 * base IV for partial IVs.
 */
public final class DecryptionKey {
    private final CoseKey symmetric;
    private final KeyAgreement agreement;
    private final CoseKey senderPublicKey;
    private final KdfInfo kdfInfo;
    private final byte[] baseIv;
    private final byte[] kid;

    private DecryptionKey(CoseKey symmetric, KeyAgreement agreement, CoseKey senderPublicKey, KdfInfo kdfInfo,
            byte[] baseIv, byte[] kid) {
        this.symmetric = symmetric;
        this.agreement = agreement;
        this.senderPublicKey = senderPublicKey;
        this.kdfInfo = kdfInfo;
        this.baseIv = baseIv;
        this.kid = kid;
    }

    /** A symmetric key, or an EC2/OKP private key used for ECDH. */
    public static DecryptionKey of(CoseKey key) throws CoseException {
        if (key.type() == KeyType.SYMMETRIC) {
            return new DecryptionKey(key, null, null, KdfInfo.NONE, null, key.kid().orElse(null));
        }
        return new DecryptionKey(null, KeyAgreement.of(key), null, KdfInfo.NONE, null, key.kid().orElse(null));
    }

    public static DecryptionKey of(KeyAgreement agreement) {
        return new DecryptionKey(null, agreement, null, KdfInfo.NONE, null, agreement.keyId().orElse(null));
    }

    public DecryptionKey withSenderPublicKey(CoseKey sender) {
        return new DecryptionKey(symmetric, agreement, sender, kdfInfo, baseIv, kid);
    }

    public DecryptionKey withKdfInfo(KdfInfo info) {
        return new DecryptionKey(symmetric, agreement, senderPublicKey, info == null ? KdfInfo.NONE : info, baseIv,
                kid);
    }

    /** The base IV combined with a message's partial IV (RFC 9052 §3.1). */
    public DecryptionKey withBaseIv(byte[] iv) {
        return new DecryptionKey(symmetric, agreement, senderPublicKey, kdfInfo, iv == null ? null : iv.clone(), kid);
    }

    Optional<CoseKey> symmetric() {
        return Optional.ofNullable(symmetric);
    }

    Optional<KeyAgreement> agreement() {
        return Optional.ofNullable(agreement);
    }

    Optional<CoseKey> senderPublicKey() {
        return Optional.ofNullable(senderPublicKey);
    }

    KdfInfo kdfInfo() {
        return kdfInfo;
    }

    byte[] baseIv() {
        return baseIv;
    }

    Optional<byte[]> kid() {
        return Optional.ofNullable(kid);
    }

    @Override
    public String toString() {
        return "DecryptionKey[" + (symmetric != null ? "symmetric" : "key agreement") + "]";
    }
}
