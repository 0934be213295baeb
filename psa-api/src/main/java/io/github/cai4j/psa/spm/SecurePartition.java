package io.github.cai4j.psa.spm;

import io.github.cai4j.psa.PsaException;

/**
 * A secure partition: a manifest and a message handler, registered with the {@link CallGate}. Like a TF-M
 * IPC partition it handles one message at a time.
 *
 * <p>Implementations must not let any exception other than {@link PsaException} escape {@link #handle}:
 * anything else is a fault of the partition and panics the simulated device.
 */
public interface SecurePartition {

    PartitionManifest manifest();

    /**
     * Called once at boot, in dependency order (after every partition whose services this one depends on).
     * The context's client may already call those services.
     */
    default void init(PartitionContext context) throws PsaException {
    }

    /**
     * Handles one message and returns the status for the caller (&ge; 0 success, &lt; 0 error). A thrown
     * {@link PsaException} becomes its status.
     */
    int handle(Message message) throws PsaException;

    /**
     * Called once when the secure world halts (a power cut, a panic, a reboot or closing the device), at a moment
     * when this partition is handling no message; no message follows. Drop and zero secrets here. It must not
     * throw; a {@link RuntimeException} is logged and ignored.
     */
    default void shutdown() {
    }
}
