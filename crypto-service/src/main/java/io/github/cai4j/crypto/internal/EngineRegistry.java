package io.github.cai4j.crypto.internal;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Links a {@code CryptoPartition} to its engine for the test hooks of this package, without giving the
 * exported class any accessor. This package is not exported, so only code of this module (and tests on the
 * class path) can use it.
 */
public final class EngineRegistry {
    private static final Map<Object, CryptoEngine> ENGINES = new WeakHashMap<>();

    private EngineRegistry() {
    }

    /** Called once by the partition's constructor. */
    public static void register(Object partition, CryptoEngine engine) {
        synchronized (ENGINES) {
            ENGINES.putIfAbsent(partition, engine);
        }
    }

    static CryptoEngine engineOf(Object partition) {
        synchronized (ENGINES) {
            CryptoEngine e = ENGINES.get(partition);
            if (e == null) {
                throw new IllegalArgumentException("not a crypto partition: " + partition);
            }
            return e;
        }
    }
}
