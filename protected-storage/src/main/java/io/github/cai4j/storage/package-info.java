/**
 * PSA Secure Storage (Protected Storage and Internal Trusted Storage) over the flash model.
 *
 * <p>Non-secure code and partitions use {@link io.github.cai4j.storage.ProtectedStorage} and
 * {@link io.github.cai4j.storage.InternalTrustedStorage} on a {@link io.github.cai4j.psa.PsaClient}; the device
 * registers {@link io.github.cai4j.storage.ProtectedStoragePartition} and
 * {@link io.github.cai4j.storage.InternalTrustedStoragePartition} with the call gate, each with a
 * {@link io.github.cai4j.storage.StorageConfig} naming its {@link io.github.cai4j.storage.FlashArea} and the
 * shared {@link io.github.cai4j.storage.PlatformNvCounters}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Power-fail safety: after a cut at any flash operation every object reads its old or its new value,
 *       never a mix; an acknowledged write is never lost; the store keeps working. Each change writes a whole
 *       new image into the other bank, bound to a fresh generation of the platform NV counters, and is
 *       acknowledged only after the image and the counters read back.</li>
 *   <li>Tamper and replay detection: a store whose table does not authenticate for the current generation
 *       (a flipped bit, swapped or wiped banks, an older image) is refused with
 *       {@code PSA_ERROR_DATA_CORRUPT}; a tampered PS object with {@code PSA_ERROR_INVALID_SIGNATURE}, an ITS
 *       object with {@code PSA_ERROR_DATA_CORRUPT}. Tampered data is never returned.</li>
 *   <li>Namespaces: objects are keyed by (caller id, uid); another caller's uid does not exist for a caller.</li>
 * </ul>
 */
package io.github.cai4j.storage;
