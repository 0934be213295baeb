package io.github.cai4j.attestation;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Initial Attestation API ({@code psa/initial_attestation.h}, {@code spec/mcuboot-psa.md} B8) as seen by one
 * caller: every method is one call through the gate to the attestation service (handle
 * {@link InitialAttestationPartition#HANDLE}). Non-secure code builds it on its non-secure client; a partition on
 * its own client (and must list {@link InitialAttestationPartition#SID} in its dependencies).
 *
 * <p>Failures throw {@link PsaException} with the exact status. The client holds no state and is thread-safe.
 */
public final class AttestationClient {
    private static final int SIZE_T = InitialAttestationPartition.SIZE_T;
    private static final int PUBLIC_KEY_SIZE = 65;

    private final PsaClient client;

    public AttestationClient(PsaClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * {@code psa_initial_attest_get_token} into the caller's buffer.
     *
     * @return the token size written at the start of {@code tokenBuffer}
     * @throws PsaException INVALID_ARGUMENT (challenge not 32/48/64 bytes, buffer of size 0), BUFFER_TOO_SMALL, …
     */
    public int getToken(byte[] challenge, byte[] tokenBuffer) throws PsaException {
        CallResult r = client.call(InitialAttestationPartition.HANDLE, InitialAttestationPartition.GET_TOKEN,
                new InVec[] {InVec.of(challenge)}, new OutVec[] {OutVec.of(tokenBuffer)})
                .orThrow("psa_initial_attest_get_token");
        return r.outLength(0);
    }

    /** {@code psa_initial_attest_get_token_size}: the exact size of a token for a challenge of this size. */
    public int getTokenSize(int challengeSize) throws PsaException {
        byte[] in = {(byte) challengeSize, (byte) (challengeSize >>> 8), (byte) (challengeSize >>> 16),
            (byte) (challengeSize >>> 24)};
        byte[] out = new byte[SIZE_T];
        CallResult r = client.call(InitialAttestationPartition.HANDLE, InitialAttestationPartition.GET_TOKEN_SIZE,
                new InVec[] {InVec.of(in)}, new OutVec[] {OutVec.of(out)})
                .orThrow("psa_initial_attest_get_token_size");
        if (r.outLength(0) != SIZE_T) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "token size reply is " + r.outLength(0) + " bytes");
        }
        return (out[0] & 0xff) | (out[1] & 0xff) << 8 | (out[2] & 0xff) << 16 | (out[3] & 0xff) << 24;
    }

    /** Asks for the size, then for the token: the encoded COSE_Sign1. */
    public byte[] getToken(byte[] challenge) throws PsaException {
        byte[] buffer = new byte[getTokenSize(challenge.length)];
        int n = getToken(challenge, buffer);
        return n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
    }

    /** The IAK public key {@code 04 || X || Y} (call type {@link InitialAttestationPartition#GET_PUBLIC_KEY}). */
    public byte[] attestationPublicKey() throws PsaException {
        byte[] out = new byte[PUBLIC_KEY_SIZE];
        CallResult r = client.call(InitialAttestationPartition.HANDLE, InitialAttestationPartition.GET_PUBLIC_KEY,
                new InVec[0], new OutVec[] {OutVec.of(out)}).orThrow("get attestation public key");
        if (r.outLength(0) != PUBLIC_KEY_SIZE) {
            throw new PsaException(PsaStatus.ERROR_GENERIC_ERROR, "public key reply is " + r.outLength(0) + " bytes");
        }
        return out;
    }

    @Override
    public String toString() {
        return "AttestationClient[" + client + "]";
    }
}
