package io.github.cai4j.psa;

/**
 * The PSA client API ({@code psa/client.h}) as seen by one caller identity: a non-secure client
 * (negative id) or a secure partition (its partition id).
 *
 * <p>Like the C API, failures of the gate itself are reported as negative values
 * ({@code PSA_ERROR_CONNECTION_REFUSED}, {@code PSA_ERROR_PROGRAMMER_ERROR}) for a non-secure caller.
 * A programmer error by a secure caller panics the simulated device instead: the non-secure call that led
 * to it, and every later call, fails with {@link DeviceHaltedException} until the device is rebooted.
 *
 * <p>Inputs are copied in when the call is made and outputs copied out when it returns: neither side ever
 * holds a reference to the other's arrays.
 */
public interface PsaClient {

    /** The id this client calls as: negative for non-secure, a partition id for a secure caller. */
    int clientId();

    /** {@code psa_version}: the service version, or {@link Psa#VERSION_NONE}. */
    int version(int sid) throws DeviceHaltedException;

    /**
     * {@code psa_connect}: a handle &gt; 0, or a negative status for a non-secure caller.
     */
    int connect(int sid, int version) throws DeviceHaltedException;

    /**
     * {@code psa_call}: the status returned by the service (or the gate's refusal) and the number of bytes
     * written to each output vector.
     */
    CallResult call(int handle, int type, InVec[] in, OutVec[] out) throws DeviceHaltedException;

    /** {@code psa_close}: {@link PsaStatus#SUCCESS}'s value, or a negative status for a non-secure caller. */
    int close(int handle) throws DeviceHaltedException;

    /** Convenience for {@link #call} with the type {@link Psa#IPC_CALL}. */
    default CallResult call(int handle, InVec[] in, OutVec[] out) throws DeviceHaltedException {
        return call(handle, Psa.IPC_CALL, in, out);
    }
}
