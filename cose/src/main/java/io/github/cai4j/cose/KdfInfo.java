package io.github.cai4j.cose;

/**
 * Values of the COSE_KDF_Context (RFC 9053 §5.2) that both parties know without sending them. Values present in a
 * recipient's headers (−21…−26) take precedence over these. Any field may be null.
 *
 * @param partyUIdentity PartyUInfo.identity
 * @param partyUNonce    PartyUInfo.nonce
 * @param partyUOther    PartyUInfo.other
 * @param partyVIdentity PartyVInfo.identity
 * @param partyVNonce    PartyVInfo.nonce
 * @param partyVOther    PartyVInfo.other
 * @param suppPubOther   SuppPubInfo.other
 * @param suppPrivInfo   SuppPrivInfo
 */
public record KdfInfo(byte[] partyUIdentity, byte[] partyUNonce, byte[] partyUOther, byte[] partyVIdentity,
        byte[] partyVNonce, byte[] partyVOther, byte[] suppPubOther, byte[] suppPrivInfo) {
    /** Nothing known out of band. */
    public static final KdfInfo NONE = new KdfInfo(null, null, null, null, null, null, null, null);
}
