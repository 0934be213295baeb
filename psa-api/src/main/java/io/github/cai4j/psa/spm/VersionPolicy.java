package io.github.cai4j.psa.spm;

/** How a service accepts the version a client asks for ({@code spec/mcuboot-psa.md} B9). */
public enum VersionPolicy {
    /** The requested version must equal the service version. */
    STRICT,
    /** The requested version must be at most the service version. */
    RELAXED;

    /** {@code true} if a client asking for {@code requested} may use a service of {@code serviceVersion}. */
    public boolean accepts(int requested, int serviceVersion) {
        return this == STRICT ? requested == serviceVersion : requested <= serviceVersion;
    }
}
