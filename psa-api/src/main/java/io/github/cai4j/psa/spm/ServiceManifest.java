package io.github.cai4j.psa.spm;

import java.util.Objects;

/**
 * One RoT service of a partition manifest.
 *
 * @param name              the service name, e.g. {@code TFM_HUK_GEN_UUID}
 * @param sid               the service id
 * @param version           the service version (default 1)
 * @param policy            how requested versions are matched (default STRICT)
 * @param nonSecureClients  whether non-secure callers may reach it
 * @param statelessIndex    0 for a connection-based service, else the 1-based stateless handle index (1..32)
 */
public record ServiceManifest(String name, int sid, int version, VersionPolicy policy, boolean nonSecureClients,
                              int statelessIndex) {

    public ServiceManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        if (version <= 0 || version > 0xff) {
            throw new IllegalArgumentException("service " + name + ": version must be 1..255");
        }
        if (statelessIndex < 0 || statelessIndex > 32) {
            throw new IllegalArgumentException("service " + name + ": stateless index must be 0 or 1..32");
        }
    }

    /** A connection-based service, version 1, STRICT. */
    public static ServiceManifest connectionBased(String name, int sid, boolean nonSecureClients) {
        return new ServiceManifest(name, sid, 1, VersionPolicy.STRICT, nonSecureClients, 0);
    }

    /** A stateless service, version 1, STRICT, with its stateless handle index. */
    public static ServiceManifest stateless(String name, int sid, boolean nonSecureClients, int statelessIndex) {
        if (statelessIndex == 0) {
            throw new IllegalArgumentException("service " + name + ": a stateless service needs an index 1..32");
        }
        return new ServiceManifest(name, sid, 1, VersionPolicy.STRICT, nonSecureClients, statelessIndex);
    }

    public boolean isStateless() {
        return statelessIndex != 0;
    }

    /** The stateless handle clients use, {@code 0x40000000 | version << 8 | (index - 1)}. */
    public int statelessHandle() {
        if (!isStateless()) {
            throw new IllegalStateException("service " + name + " is connection based");
        }
        return io.github.cai4j.psa.Psa.statelessHandle(version, statelessIndex);
    }

    public ServiceManifest withVersion(int newVersion, VersionPolicy newPolicy) {
        return new ServiceManifest(name, sid, newVersion, newPolicy, nonSecureClients, statelessIndex);
    }
}
