/**
 * The crypto partition's implementation (not exported): the request codec ({@link
 * io.github.cai4j.crypto.internal.CryptoWire}), the engine with its key store and derivation operations, and the
 * test-only {@link io.github.cai4j.crypto.internal.InsecureEcdsaNonces} hook.
 */
package io.github.cai4j.crypto.internal;
