package io.github.cai4j.psa.spm;

import io.github.cai4j.psa.PsaException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A partition whose handler is a lambda; it records every message it is delivered. */
final class TestPartition implements SecurePartition {

    /** The handler, given the message and this partition's context. */
    @FunctionalInterface
    interface Handler {
        int handle(Message message, PartitionContext context) throws PsaException;
    }

    /** What a handler saw. */
    record Seen(int type, int sid, int clientId, List<byte[]> inputs, List<Integer> capacities) {
    }

    private final PartitionManifest manifest;
    private final Handler handler;
    private final List<String> bootLog;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private volatile PartitionContext context;

    TestPartition(PartitionManifest manifest, Handler handler) {
        this(manifest, handler, null);
    }

    TestPartition(PartitionManifest manifest, Handler handler, List<String> bootLog) {
        this.manifest = manifest;
        this.handler = handler;
        this.bootLog = bootLog;
    }

    /** A partition that echoes input 0 into output 0 (when both exist) and returns SUCCESS. */
    static TestPartition echo(PartitionManifest manifest) {
        return new TestPartition(manifest, (m, c) -> {
            if (m.type() >= 0 && m.inCount() > 0 && m.outCount() > 0) {
                m.write(0, m.input(0));
            }
            return 0;
        });
    }

    @Override
    public PartitionManifest manifest() {
        return manifest;
    }

    @Override
    public void init(PartitionContext ctx) {
        this.context = ctx;
        if (bootLog != null) {
            bootLog.add(manifest.name());
        }
    }

    @Override
    public int handle(Message message) throws PsaException {
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < message.inCount(); i++) {
            inputs.add(message.input(i));
        }
        List<Integer> caps = new ArrayList<>();
        for (int i = 0; i < message.outCount(); i++) {
            caps.add(message.outCapacity(i));
        }
        seen.add(new Seen(message.type(), message.sid(), message.clientId(), List.copyOf(inputs), List.copyOf(caps)));
        return handler.handle(message, context);
    }

    PartitionContext context() {
        return context;
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }
}
