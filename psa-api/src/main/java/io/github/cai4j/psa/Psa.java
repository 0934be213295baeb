package io.github.cai4j.psa;

/**
 * Constants of the PSA client API ({@code psa/client.h}; {@code spec/mcuboot-psa.md} B9).
 */
public final class Psa {
    /** PSA_FRAMEWORK_VERSION. */
    public static final int FRAMEWORK_VERSION = 0x0101;
    /** PSA_VERSION_NONE: returned by {@code psa_version} for an unknown or unreachable SID. */
    public static final int VERSION_NONE = 0;
    /** PSA_NULL_HANDLE. */
    public static final int NULL_HANDLE = 0;
    /** PSA_MAX_IOVEC: at most this many input plus output vectors per call. */
    public static final int MAX_IOVEC = 4;
    /** PSA_IPC_CALL: the default call type. */
    public static final int IPC_CALL = 0;
    /** Message type delivered to a connection-based service on {@code psa_connect}. */
    public static final int IPC_CONNECT = -1;
    /** Message type delivered to a connection-based service on {@code psa_close}. */
    public static final int IPC_DISCONNECT = -2;
    /** TF-M packs the call type into 16 bits, so types above this are refused. */
    public static final int MAX_CALL_TYPE = Short.MAX_VALUE;
    /** Bit 30 marks a stateless handle. */
    public static final int STATELESS_HANDLE_INDICATOR = 0x4000_0000;
    /** Stateless handle indexes are 5 bits wide. */
    public static final int MAX_STATELESS_SERVICES = 32;
    /** DEFAULT_NS_CLIENT_ID: the single non-secure client's id. */
    public static final int DEFAULT_NS_CLIENT_ID = -1;

    private Psa() {
    }

    /**
     * The stateless handle of a service: {@code 0x40000000 | (version & 0xff) << 8 | (index - 1)}.
     *
     * @param statelessIndex the 1-based stateless index from the manifest (1..32)
     */
    public static int statelessHandle(int version, int statelessIndex) {
        if (statelessIndex < 1 || statelessIndex > MAX_STATELESS_SERVICES) {
            throw new IllegalArgumentException("stateless index out of range 1..32: " + statelessIndex);
        }
        return STATELESS_HANDLE_INDICATOR | (version & 0xff) << 8 | (statelessIndex - 1);
    }

    /** {@code true} if {@code handle} has the stateless indicator bit. */
    public static boolean isStatelessHandle(int handle) {
        return handle > 0 && (handle & STATELESS_HANDLE_INDICATOR) != 0;
    }

    /** {@code true} for a secure (partition) client id. */
    public static boolean isSecureClient(int clientId) {
        return clientId > 0;
    }

    /** {@code true} for a non-secure client id. */
    public static boolean isNonSecureClient(int clientId) {
        return clientId < 0;
    }
}
