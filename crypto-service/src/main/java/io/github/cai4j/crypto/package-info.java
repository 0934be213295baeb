/**
 * The PSA Crypto API of the simulated device: {@link io.github.cai4j.crypto.CryptoClient} (one call through the
 * gate per PSA function, as the caller's identity), {@link io.github.cai4j.crypto.KeyDerivation} (a derivation
 * operation held by a caller), {@link io.github.cai4j.crypto.KeyAttributes} and the PSA constants
 * ({@link io.github.cai4j.crypto.PsaAlgorithm}, {@link io.github.cai4j.crypto.PsaKeyType},
 * {@link io.github.cai4j.crypto.PsaKeyUsage}, {@link io.github.cai4j.crypto.PsaKeyIds},
 * {@link io.github.cai4j.crypto.DerivationStep}) with their exact numeric values; and the partition itself,
 * {@link io.github.cai4j.crypto.CryptoPartition}, which the device registers with its call gate.
 *
 * <p>Private keys and the HUK exist only inside the partition; callers hold key ids.
 */
package io.github.cai4j.crypto;
