package io.github.cai4j.psa.spm;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.platform.RecordingLog;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gate most rule tests use.
 *
 * <ul>
 *   <li>SERVER (0x100): CONN 0x1000 (connection based, v1 STRICT, NS), RELAXED 0x1001 (connection based, v3
 *       RELAXED, NS), SECURE_ONLY 0x1002 (connection based, not NS)</li>
 *   <li>STATELESS (0x101): CRYPTO_LIKE 0x80 (stateless index 1, v1, NS), ITS_LIKE 0x70 (index 3, v1, NS),
 *       V2_RELAXED 0x71 (index 5, v2 RELAXED, NS), HIDDEN 0x72 (index 7, not NS)</li>
 *   <li>CLIENT (0x102): DRIVE 0x2000 (stateless index 9, NS) whose handler runs {@link #action}; depends on
 *       CONN 0x1000, CRYPTO_LIKE 0x80 and HIDDEN 0x72 only</li>
 * </ul>
 * SERVER and STATELESS echo input 0 into output 0; a call of type 7 makes them reply PROGRAMMER_ERROR, type 8
 * makes them return the int in input 0 as status.
 */
final class StandardGate {
    static final int SERVER_ID = 0x100;
    static final int STATELESS_ID = 0x101;
    static final int CLIENT_ID = 0x102;

    static final int CONN = 0x1000;
    static final int RELAXED = 0x1001;
    static final int SECURE_ONLY = 0x1002;
    static final int CRYPTO_LIKE = 0x80;
    static final int ITS_LIKE = 0x70;
    static final int V2_RELAXED = 0x71;
    static final int HIDDEN = 0x72;
    static final int DRIVE = 0x2000;

    static final int TYPE_REPLY_PROGRAMMER_ERROR = 7;
    static final int TYPE_RETURN_INPUT = 8;

    /** What the CLIENT partition does when DRIVE is called (with its own client). */
    @FunctionalInterface
    interface Action {
        int run(Message message, PartitionContext context) throws PsaException;
    }

    final RecordingLog log = new RecordingLog();
    final CallGate gate;
    final TestPartition server;
    final TestPartition stateless;
    final TestPartition client;
    final AtomicReference<Action> action = new AtomicReference<>((m, c) -> 0);

    StandardGate() throws PsaException {
        this(CallGate.DEFAULT_MAX_CONNECTIONS);
    }

    StandardGate(int maxConnections) throws PsaException {
        gate = new CallGate(log, maxConnections);
        server = new TestPartition(PartitionManifest.builder("SERVER", SERVER_ID)
                .service(ServiceManifest.connectionBased("CONN", CONN, true))
                .service(ServiceManifest.connectionBased("RELAXED", RELAXED, true).withVersion(3, VersionPolicy.RELAXED))
                .service(ServiceManifest.connectionBased("SECURE_ONLY", SECURE_ONLY, false))
                .build(), StandardGate::serve);
        stateless = new TestPartition(PartitionManifest.builder("STATELESS", STATELESS_ID)
                .service(ServiceManifest.stateless("CRYPTO_LIKE", CRYPTO_LIKE, true, 1))
                .service(ServiceManifest.stateless("ITS_LIKE", ITS_LIKE, true, 3))
                .service(ServiceManifest.stateless("V2_RELAXED", V2_RELAXED, true, 5).withVersion(2, VersionPolicy.RELAXED))
                .service(ServiceManifest.stateless("HIDDEN", HIDDEN, false, 7))
                .build(), StandardGate::serve);
        client = new TestPartition(PartitionManifest.builder("CLIENT", CLIENT_ID)
                .service(ServiceManifest.stateless("DRIVE", DRIVE, true, 9))
                .dependsOn(CONN, CRYPTO_LIKE, HIDDEN)
                .build(), (m, c) -> action.get().run(m, c));
        gate.register(server);
        gate.register(stateless);
        gate.register(client);
        gate.start();
    }

    static int serve(Message m, PartitionContext c) throws PsaException {
        if (m.type() == TYPE_REPLY_PROGRAMMER_ERROR) {
            return -129;
        }
        if (m.type() == TYPE_RETURN_INPUT) {
            return java.nio.ByteBuffer.wrap(m.input(0)).getInt();
        }
        if (m.type() >= 0 && m.inCount() > 0 && m.outCount() > 0) {
            m.write(0, m.input(0));
        }
        return 0;
    }

    static int handle(int sid) {
        return switch (sid) {
            case CRYPTO_LIKE -> 0x4000_0100;
            case ITS_LIKE -> 0x4000_0102;
            case V2_RELAXED -> 0x4000_0204;
            case HIDDEN -> 0x4000_0106;
            case DRIVE -> 0x4000_0108;
            default -> throw new IllegalArgumentException("not stateless: " + sid);
        };
    }
}
