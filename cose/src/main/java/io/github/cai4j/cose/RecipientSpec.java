package io.github.cai4j.cose;

import io.github.cai4j.cose.key.CoseKey;
import io.github.cai4j.cose.key.KeyType;

/**
 * How to build one recipient of a COSE_Encrypt or COSE_Mac. Party information for the KDF context goes into the
 * given headers (labels −21…−26, salt −20); values both sides know without sending go into {@link KdfInfo}.
 */
public final class RecipientSpec {
    final Algorithm alg;
    final Headers protectedHeaders;
    final Headers unprotectedHeaders;
    final CoseKey symmetricKey;
    final CoseKey recipientPublicKey;
    final KeyAgreement senderKey;
    final KdfInfo kdfInfo;

    private RecipientSpec(Algorithm alg, Headers protectedHeaders, Headers unprotectedHeaders, CoseKey symmetricKey,
            CoseKey recipientPublicKey, KeyAgreement senderKey, KdfInfo kdfInfo) {
        this.alg = alg;
        this.protectedHeaders = protectedHeaders == null ? Headers.empty() : protectedHeaders;
        this.unprotectedHeaders = unprotectedHeaders == null ? Headers.empty() : unprotectedHeaders;
        this.symmetricKey = symmetricKey;
        this.recipientPublicKey = recipientPublicKey;
        this.senderKey = senderKey;
        this.kdfInfo = kdfInfo == null ? KdfInfo.NONE : kdfInfo;
    }

    /** Direct use of a shared key as the content key ({@code alg} −6 in the unprotected header). */
    public static RecipientSpec direct(CoseKey key, Headers unprotectedHeaders) throws CoseException {
        requireSymmetric(key);
        return new RecipientSpec(Algorithm.DIRECT, Headers.empty(), unprotectedHeaders, key, null, null, null);
    }

    /** AES key wrap of the content key with a shared key-encryption key (A128KW/A192KW/A256KW). */
    public static RecipientSpec keyWrap(Algorithm alg, CoseKey kek, Headers unprotectedHeaders)
            throws CoseException {
        requireSymmetric(kek);
        if (alg != Algorithm.A128KW && alg != Algorithm.A192KW && alg != Algorithm.A256KW) {
            throw new CoseException(alg + " is not an AES key wrap algorithm");
        }
        return new RecipientSpec(alg, Headers.empty(), unprotectedHeaders, kek, null, null, null);
    }

    /** direct+HKDF-SHA-256/512: the content key is derived from a shared secret. */
    public static RecipientSpec directHkdf(Algorithm alg, CoseKey secret, Headers protectedHeaders,
            Headers unprotectedHeaders, KdfInfo kdfInfo) throws CoseException {
        requireSymmetric(secret);
        if (alg != Algorithm.DIRECT_HKDF_SHA_256 && alg != Algorithm.DIRECT_HKDF_SHA_512) {
            throw new CoseException(alg + " is not direct+HKDF");
        }
        return new RecipientSpec(alg, protectedHeaders, unprotectedHeaders, secret, null, null, kdfInfo);
    }

    /** ECDH-ES (+HKDF or +AES key wrap) to a recipient's public key; the ephemeral key is generated. */
    public static RecipientSpec ecdhEs(Algorithm alg, CoseKey recipientPublicKey, Headers protectedHeaders,
            Headers unprotectedHeaders, KdfInfo kdfInfo) throws CoseException {
        if (!alg.isEcdh() || alg.isEcdhStatic()) {
            throw new CoseException(alg + " is not an ECDH-ES algorithm");
        }
        requireAgreementKey(recipientPublicKey);
        return new RecipientSpec(alg, protectedHeaders, unprotectedHeaders, null, recipientPublicKey.publicOnly(),
                null, kdfInfo);
    }

    /**
     * ECDH-SS (+HKDF or +AES key wrap) from the sender's static key. The sender's key identification (label −2
     * or −3) is the caller's choice of headers.
     */
    public static RecipientSpec ecdhSs(Algorithm alg, KeyAgreement senderKey, CoseKey recipientPublicKey,
            Headers protectedHeaders, Headers unprotectedHeaders, KdfInfo kdfInfo) throws CoseException {
        if (!alg.isEcdhStatic()) {
            throw new CoseException(alg + " is not an ECDH-SS algorithm");
        }
        requireAgreementKey(recipientPublicKey);
        return new RecipientSpec(alg, protectedHeaders, unprotectedHeaders, null, recipientPublicKey.publicOnly(),
                senderKey, kdfInfo);
    }

    private static void requireSymmetric(CoseKey k) throws CoseException {
        if (k.type() != KeyType.SYMMETRIC) {
            throw new CoseException("recipient: a symmetric key is needed");
        }
    }

    private static void requireAgreementKey(CoseKey k) throws CoseException {
        if (k.type() == KeyType.SYMMETRIC) {
            throw new CoseException("recipient: an EC2 or OKP public key is needed");
        }
    }

    /** True if this recipient determines the content key (direct modes) instead of transporting it. */
    boolean isDirect() {
        return alg == Algorithm.DIRECT || alg == Algorithm.DIRECT_HKDF_SHA_256
                || alg == Algorithm.DIRECT_HKDF_SHA_512 || (alg.isEcdh() && !alg.usesKeyWrap());
    }

    @Override
    public String toString() {
        return "RecipientSpec[" + alg.displayName() + "]";
    }
}
