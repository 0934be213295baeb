package io.github.cai4j.cose;

/**
 * Bounds applied when decoding untrusted COSE input. The defaults suit device payloads and key messages; a service
 * that accepts large payloads raises {@code maxInputBytes}.
 *
 * @param maxInputBytes largest encoded message accepted
 * @param maxDepth      deepest nesting of arrays and maps (a COSE_Encrypt with a nested recipient and an ephemeral
 *                      key needs about 8)
 * @param maxRecipients most recipients or signers in one array
 * @param maxHeaderEntries most entries in one header map
 */
public record DecodeLimits(int maxInputBytes, int maxDepth, int maxRecipients, int maxHeaderEntries) {
    /** 16 MiB, depth 16, 64 recipients or signers, 64 header entries. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(16 << 20, 16, 64, 64);

    public DecodeLimits {
        if (maxInputBytes < 1 || maxDepth < 4 || maxRecipients < 1 || maxHeaderEntries < 1) {
            throw new IllegalArgumentException("decode limits too small");
        }
    }
}
