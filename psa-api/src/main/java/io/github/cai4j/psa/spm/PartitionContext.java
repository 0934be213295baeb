package io.github.cai4j.psa.spm;

import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.platform.PlatformLog;

/** What the gate hands a partition at start-up. */
public interface PartitionContext {

    /** This partition's id. */
    int partitionId();

    /** A client that calls other services as this partition (only SIDs in its manifest's dependencies). */
    PsaClient client();

    /** The device log. */
    PlatformLog log();
}
