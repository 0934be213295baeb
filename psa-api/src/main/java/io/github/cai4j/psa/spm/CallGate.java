package io.github.cai4j.psa.spm;

import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.DeviceHaltedException;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The secure/non-secure call gate: TF-M's SPM in miniature ({@code spec/mcuboot-psa.md} B9).
 *
 * <p>Partitions register with a {@link PartitionManifest}; {@link #start()} initialises them in dependency
 * order. Callers get a {@link PsaClient}: {@link #nonSecureClient(int)} for non-secure code (negative ids),
 * and each partition gets one bound to its own id through its {@link PartitionContext}. On every call the
 * gate checks the SID, the caller's right to reach it (the manifest's {@code non_secure_clients} for a
 * non-secure caller, the caller partition's declared dependencies for a secure one), the version policy, the
 * handle, the call type and the vectors; it copies inputs in and outputs out.
 *
 * <p>A refused non-secure call returns the PSA status; a programmer error by a secure caller panics the
 * device: the non-secure call that led to it, and every later call, fails with {@link DeviceHaltedException}.
 * A partition handles one message at a time; dependencies between partitions must be acyclic, which makes the
 * per-partition locks deadlock-free when a partition calls another.
 */
public final class CallGate {
    /** Default size of the connection pool (TF-M's {@code CONFIG_TFM_CONN_HANDLE_MAX_NUM} is configurable too). */
    public static final int DEFAULT_MAX_CONNECTIONS = 32;

    private static final int STATELESS_HANDLE_BITS = Psa.STATELESS_HANDLE_INDICATOR | 0xff00 | 0x1f;
    private static final int MAX_CONNECTION_HANDLE = Psa.STATELESS_HANDLE_INDICATOR - 1;

    private final PlatformLog log;
    private final int maxConnections;
    private final Map<Integer, Partition> partitions = new LinkedHashMap<>();
    private final Map<Integer, Service> servicesBySid = new HashMap<>();
    private final Service[] statelessServices = new Service[Psa.MAX_STATELESS_SERVICES + 1];
    private final Map<Integer, Connection> connections = new ConcurrentHashMap<>();
    private final Object handleLock = new Object();
    private int lastHandle;
    private volatile boolean started;
    private volatile String haltReason;

    public CallGate(PlatformLog log) {
        this(log, DEFAULT_MAX_CONNECTIONS);
    }

    public CallGate(PlatformLog log, int maxConnections) {
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
        this.log = log;
        this.maxConnections = maxConnections;
    }

    // ------------------------------------------------------------------ registration and boot

    /** Registers a partition (before {@link #start()}). */
    public synchronized void register(SecurePartition partition) {
        if (started) {
            throw new IllegalStateException("partitions must be registered before the gate starts");
        }
        PartitionManifest m = partition.manifest();
        if (partitions.containsKey(m.partitionId())) {
            throw new IllegalArgumentException("partition id 0x" + Integer.toHexString(m.partitionId())
                    + " is already registered (" + partitions.get(m.partitionId()).manifest.name() + ")");
        }
        for (ServiceManifest s : m.services()) {
            if (servicesBySid.containsKey(s.sid())) {
                throw new IllegalArgumentException("SID 0x" + Integer.toHexString(s.sid()) + " of " + m.name()
                        + " is already served by " + servicesBySid.get(s.sid()).owner.manifest.name());
            }
            if (s.isStateless() && statelessServices[s.statelessIndex()] != null) {
                throw new IllegalArgumentException("stateless index " + s.statelessIndex() + " of " + s.name()
                        + " is already used by " + statelessServices[s.statelessIndex()].manifest.name());
            }
        }
        Partition p = new Partition(partition, m);
        partitions.put(m.partitionId(), p);
        for (ServiceManifest s : m.services()) {
            Service svc = new Service(s, p);
            servicesBySid.put(s.sid(), svc);
            if (s.isStateless()) {
                statelessServices[s.statelessIndex()] = svc;
            }
        }
    }

    /**
     * Initialises every partition in dependency order.
     *
     * @throws IllegalStateException if a partition depends on an unknown SID or the dependencies form a cycle
     * @throws PsaException          if a partition's initialisation fails (a {@link DeviceHaltedException} if
     *                               it panicked)
     */
    public void start() throws PsaException {
        List<Partition> order;
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("the gate has already started");
            }
            order = bootOrder();
            started = true;
        }
        for (Partition p : order) {
            try {
                p.instance.init(p.context);
            } catch (SecurePanic panic) {
                halt(panic.getMessage());
                throw new DeviceHaltedException(panic.getMessage());
            } catch (RuntimeException e) {
                String reason = p.manifest.name() + " faulted during init: " + e.getClass().getSimpleName();
                halt(reason);
                throw new DeviceHaltedException(reason);
            }
        }
    }

    /** The partitions in the order {@link #start()} initialises them. */
    public synchronized List<PartitionManifest> bootOrderManifests() {
        List<PartitionManifest> out = new ArrayList<>();
        for (Partition p : bootOrder()) {
            out.add(p.manifest);
        }
        return out;
    }

    private List<Partition> bootOrder() {
        List<Partition> order = new ArrayList<>();
        Map<Partition, Integer> state = new HashMap<>();
        for (Partition p : partitions.values()) {
            visit(p, state, order, new ArrayList<>());
        }
        return order;
    }

    private void visit(Partition p, Map<Partition, Integer> state, List<Partition> order, List<String> path) {
        Integer st = state.get(p);
        if (st != null && st == 2) {
            return;
        }
        path.add(p.manifest.name());
        if (st != null) {
            throw new IllegalStateException("partition dependencies form a cycle: " + String.join(" -> ", path));
        }
        state.put(p, 1);
        for (int sid : p.manifest.dependencies()) {
            Service s = servicesBySid.get(sid);
            if (s == null) {
                throw new IllegalStateException("partition " + p.manifest.name() + " depends on unknown SID 0x"
                        + Integer.toHexString(sid));
            }
            visit(s.owner, state, order, path);
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
        order.add(p);
    }

    // ------------------------------------------------------------------ clients and state

    /** The default non-secure client (id -1). */
    public PsaClient nonSecureClient() {
        return nonSecureClient(Psa.DEFAULT_NS_CLIENT_ID);
    }

    /** A non-secure client with the given (negative) id. */
    public PsaClient nonSecureClient(int clientId) {
        if (clientId >= 0) {
            throw new IllegalArgumentException("non-secure client ids are negative, got " + clientId);
        }
        return new NonSecureClient(clientId);
    }

    /** {@code true} once a panic has halted the secure world. */
    public boolean isHalted() {
        return haltReason != null;
    }

    /** Why the secure world halted, if it did. */
    public Optional<String> haltReason() {
        return Optional.ofNullable(haltReason);
    }

    /** The manifests of the registered partitions. */
    public synchronized List<PartitionManifest> manifests() {
        List<PartitionManifest> out = new ArrayList<>();
        for (Partition p : partitions.values()) {
            out.add(p.manifest);
        }
        return out;
    }

    /** Open connections (for tests and diagnostics). */
    public int openConnections() {
        return connections.size();
    }

    /** Halts the secure world (a panic, or the device losing power). */
    public void halt(String reason) {
        synchronized (this) {
            if (haltReason == null) {
                haltReason = reason;
            }
        }
        log.error("", "secure world halted: " + reason);
        // Idle partitions shut down now; one handling a message (on this thread or another) shuts down as soon as
        // that message completes (see dispatch), so no partition loses its state under a running handler.
        List<Partition> all;
        synchronized (this) {
            all = new ArrayList<>(partitions.values());
        }
        for (Partition p : all) {
            if (!p.lock.isHeldByCurrentThread() && p.lock.tryLock()) {
                try {
                    shutdown(p);
                } finally {
                    p.lock.unlock();
                }
            }
        }
    }

    /** Calls the partition's {@link SecurePartition#shutdown()} once; the caller holds its lock. */
    private void shutdown(Partition p) {
        if (p.shutDown.compareAndSet(false, true)) {
            try {
                p.instance.shutdown();
            } catch (RuntimeException e) {
                log.error("", p.manifest.name() + " faulted while shutting down: " + e.getClass().getSimpleName());
            }
        }
    }

    // ------------------------------------------------------------------ the gate itself

    private boolean authorized(int caller, Service s) {
        if (caller < 0) {
            return s.manifest.nonSecureClients();
        }
        Partition p = partitions.get(caller);
        return p != null && p.manifest.dependencies().contains(s.manifest.sid());
    }

    /** A refusal: returned to a non-secure caller, a panic for a secure caller's programmer error. */
    private static int refuse(int caller, PsaStatus status, String why) {
        if (caller > 0 && (status == PsaStatus.ERROR_PROGRAMMER_ERROR
                || status == PsaStatus.ERROR_CONNECTION_REFUSED)) {
            throw new SecurePanic("partition 0x" + Integer.toHexString(caller) + ": " + why + " ("
                    + status.cName() + ")");
        }
        return status.value();
    }

    private void checkRunning(int caller) throws DeviceHaltedException {
        String reason = haltReason;
        if (reason != null) {
            throw new DeviceHaltedException(reason);
        }
        if (!started && caller < 0) {
            throw new DeviceHaltedException("the secure world has not booted");
        }
    }

    private int doVersion(int caller, int sid) throws DeviceHaltedException {
        checkRunning(caller);
        Service s = servicesBySid.get(sid);
        if (s == null || !authorized(caller, s)) {
            return Psa.VERSION_NONE;
        }
        return s.manifest.version();
    }

    private int doConnect(int caller, int sid, int version) throws DeviceHaltedException {
        checkRunning(caller);
        Service s = servicesBySid.get(sid);
        String sidHex = "SID 0x" + Integer.toHexString(sid);
        if (s == null) {
            return refuse(caller, PsaStatus.ERROR_CONNECTION_REFUSED, "connect to unknown " + sidHex);
        }
        if (s.manifest.isStateless()) {
            return refuse(caller, PsaStatus.ERROR_PROGRAMMER_ERROR, "connect to stateless " + sidHex);
        }
        if (!authorized(caller, s)) {
            return refuse(caller, PsaStatus.ERROR_CONNECTION_REFUSED, "caller may not reach " + sidHex);
        }
        if (!s.manifest.policy().accepts(version, s.manifest.version())) {
            return refuse(caller, PsaStatus.ERROR_CONNECTION_REFUSED, "version " + version + " refused by "
                    + sidHex);
        }
        int handle;
        Connection c;
        synchronized (handleLock) {
            if (connections.size() >= maxConnections) {
                return PsaStatus.ERROR_CONNECTION_BUSY.value();
            }
            handle = nextHandle();
            c = new Connection(handle, s, caller);
            connections.put(handle, c);
        }
        GateMessage msg = new GateMessage(Psa.IPC_CONNECT, sid, caller, s.owner.manifest.name(), new byte[0][],
                new OutVec[0]);
        int status = dispatch(s, msg);
        if (status != PsaStatus.SUCCESS.value()) {
            connections.remove(handle);
            if (status == PsaStatus.ERROR_CONNECTION_REFUSED.value()
                    || status == PsaStatus.ERROR_PROGRAMMER_ERROR.value()) {
                return refuse(caller, PsaStatus.fromValue(status).orElseThrow(), s.manifest.name()
                        + " refused the connection");
            }
            return status < 0 ? status : PsaStatus.ERROR_CONNECTION_REFUSED.value();
        }
        return handle;
    }

    private int nextHandle() {
        do {
            lastHandle = lastHandle >= MAX_CONNECTION_HANDLE ? 1 : lastHandle + 1;
        } while (connections.containsKey(lastHandle));
        return lastHandle;
    }

    private CallResult doCall(int caller, int handle, int type, InVec[] in, OutVec[] out)
            throws DeviceHaltedException {
        checkRunning(caller);
        InVec[] ins = in == null ? new InVec[0] : in;
        OutVec[] outs = out == null ? new OutVec[0] : out;
        int outCount = outs.length;
        if (type < 0 || type > Psa.MAX_CALL_TYPE) {
            return refused(caller, "call type " + type + " out of range 0..32767", outCount);
        }
        if (ins.length + outs.length > Psa.MAX_IOVEC) {
            return refused(caller, ins.length + " input and " + outs.length + " output vectors exceed "
                    + Psa.MAX_IOVEC, outCount);
        }
        for (int i = 0; i < ins.length; i++) {
            InVec v = ins[i];
            if (v == null || !accessible(v.buffer(), v.offset(), v.length())) {
                return refused(caller, "input vector " + i + " is not accessible", outCount);
            }
            for (int j = 0; j < i; j++) {
                if (overlap(ins[j], v)) {
                    return refused(caller, "input vectors " + j + " and " + i + " overlap", outCount);
                }
            }
        }
        for (int i = 0; i < outs.length; i++) {
            OutVec v = outs[i];
            if (v == null || !accessible(v.buffer(), v.offset(), v.length())) {
                return refused(caller, "output vector " + i + " is not accessible", outCount);
            }
        }

        Service s;
        Connection conn = null;
        if (handle <= 0) {
            return refused(caller, "invalid handle " + handle, outCount);
        }
        if ((handle & Psa.STATELESS_HANDLE_INDICATOR) != 0) {
            if ((handle & ~STATELESS_HANDLE_BITS) != 0) {
                return refused(caller, "malformed stateless handle 0x" + Integer.toHexString(handle), outCount);
            }
            int index = (handle & 0x1f) + 1;
            s = statelessServices[index];
            if (s == null) {
                return refused(caller, "no stateless service at handle 0x" + Integer.toHexString(handle), outCount);
            }
            if (!authorized(caller, s)) {
                return refused(caller, "caller may not reach " + s.manifest.name(), outCount);
            }
            int version = (handle >>> 8) & 0xff;
            if (!s.manifest.policy().accepts(version, s.manifest.version())) {
                return refused(caller, "version " + version + " refused by " + s.manifest.name(), outCount);
            }
        } else {
            conn = connections.get(handle);
            if (conn == null || conn.clientId != caller) {
                return refused(caller, "handle " + handle + " is not a connection of this client", outCount);
            }
            if (!conn.busy.compareAndSet(false, true)) {
                return refused(caller, "connection " + handle + " is busy", outCount);
            }
            s = conn.service;
        }

        try {
            byte[][] inputs = new byte[ins.length][];
            for (int i = 0; i < ins.length; i++) {
                InVec v = ins[i];
                inputs[i] = new byte[v.length()];
                if (v.length() > 0) {
                    System.arraycopy(v.buffer(), v.offset(), inputs[i], 0, v.length());
                }
            }
            GateMessage msg = new GateMessage(type, s.manifest.sid(), caller, s.owner.manifest.name(), inputs,
                    outs.clone());
            int status = dispatch(s, msg);
            int[] lengths = msg.writtenLengths();
            if (status == PsaStatus.ERROR_PROGRAMMER_ERROR.value()) {
                if (conn != null) {
                    connections.remove(handle);
                }
                refuse(caller, PsaStatus.ERROR_PROGRAMMER_ERROR, s.manifest.name() + " replied PROGRAMMER_ERROR");
            }
            return new CallResult(status, lengths);
        } finally {
            if (conn != null) {
                conn.busy.set(false);
            }
        }
    }

    private static CallResult refused(int caller, String why, int outCount) {
        return new CallResult(refuse(caller, PsaStatus.ERROR_PROGRAMMER_ERROR, why), new int[outCount]);
    }

    private static boolean accessible(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return buffer == null || (offset >= 0 && offset <= buffer.length);
        }
        return buffer != null && offset >= 0 && length > 0 && offset <= buffer.length - length;
    }

    private static boolean overlap(InVec a, InVec b) {
        if (a.buffer() != b.buffer() || a.length() == 0 || b.length() == 0) {
            return false;
        }
        return a.offset() < b.offset() + b.length() && b.offset() < a.offset() + a.length();
    }

    private int doClose(int caller, int handle) throws DeviceHaltedException {
        checkRunning(caller);
        if (handle == Psa.NULL_HANDLE) {
            return PsaStatus.SUCCESS.value();
        }
        if (handle < 0 || (handle & Psa.STATELESS_HANDLE_INDICATOR) != 0) {
            return refuse(caller, PsaStatus.ERROR_PROGRAMMER_ERROR, "close of invalid or stateless handle 0x"
                    + Integer.toHexString(handle));
        }
        Connection conn = connections.get(handle);
        if (conn == null || conn.clientId != caller) {
            return refuse(caller, PsaStatus.ERROR_PROGRAMMER_ERROR, "close of handle " + handle
                    + " that is not a connection of this client");
        }
        if (!conn.busy.compareAndSet(false, true)) {
            return refuse(caller, PsaStatus.ERROR_PROGRAMMER_ERROR, "close of busy connection " + handle);
        }
        connections.remove(handle);
        GateMessage msg = new GateMessage(Psa.IPC_DISCONNECT, conn.service.manifest.sid(), caller,
                conn.service.owner.manifest.name(), new byte[0][], new OutVec[0]);
        dispatch(conn.service, msg);
        return PsaStatus.SUCCESS.value();
    }

    private int dispatch(Service s, GateMessage msg) {
        Partition p = s.owner;
        p.lock.lock();
        try {
            if (p.shutDown.get()) {
                // the secure world halted between this call's admission and here
                throw new SecurePanic(haltReason == null ? "secure world halted" : haltReason);
            }
            return p.instance.handle(msg);
        } catch (DeviceHaltedException e) {
            // the secure world halted while this message was in flight: no reply reaches the caller
            throw new SecurePanic(e.reason(), e);
        } catch (PsaException e) {
            return e.statusValue();
        } catch (RuntimeException e) {
            throw new SecurePanic(p.manifest.name() + " faulted handling " + s.manifest.name() + ": "
                    + e.getClass().getSimpleName(), e);
        } finally {
            if (haltReason != null && p.lock.getHoldCount() == 1) {
                shutdown(p);
            }
            p.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals

    private static final class Service {
        final ServiceManifest manifest;
        final Partition owner;

        Service(ServiceManifest manifest, Partition owner) {
            this.manifest = manifest;
            this.owner = owner;
        }
    }

    private static final class Connection {
        final int handle;
        final Service service;
        final int clientId;
        final AtomicBoolean busy = new AtomicBoolean();

        Connection(int handle, Service service, int clientId) {
            this.handle = handle;
            this.service = service;
            this.clientId = clientId;
        }

        @Override
        public String toString() {
            return "Connection[" + handle + " -> " + service.manifest.name() + "]";
        }
    }

    private final class Partition {
        final SecurePartition instance;
        final PartitionManifest manifest;
        final ReentrantLock lock = new ReentrantLock();
        final AtomicBoolean shutDown = new AtomicBoolean();
        final PartitionContext context;

        Partition(SecurePartition instance, PartitionManifest manifest) {
            this.instance = instance;
            this.manifest = manifest;
            PsaClient client = new SecureClient(manifest.partitionId());
            this.context = new PartitionContext() {
                @Override
                public int partitionId() {
                    return manifest.partitionId();
                }

                @Override
                public PsaClient client() {
                    return client;
                }

                @Override
                public PlatformLog log() {
                    return log;
                }
            };
        }
    }

    /** A partition calling as itself: a panic unwinds to the non-secure entry. */
    private final class SecureClient implements PsaClient {
        private final int id;

        SecureClient(int id) {
            this.id = id;
        }

        @Override
        public int clientId() {
            return id;
        }

        @Override
        public int version(int sid) throws DeviceHaltedException {
            return doVersion(id, sid);
        }

        @Override
        public int connect(int sid, int version) throws DeviceHaltedException {
            return doConnect(id, sid, version);
        }

        @Override
        public CallResult call(int handle, int type, InVec[] in, OutVec[] out) throws DeviceHaltedException {
            return doCall(id, handle, type, in, out);
        }

        @Override
        public int close(int handle) throws DeviceHaltedException {
            return doClose(id, handle);
        }

        @Override
        public String toString() {
            return "PsaClient[secure 0x" + Integer.toHexString(id) + "]";
        }
    }

    /** The non-secure entry: where a panic of the secure world is turned into a halted device. */
    private final class NonSecureClient implements PsaClient {
        private final int id;

        NonSecureClient(int id) {
            this.id = id;
        }

        @Override
        public int clientId() {
            return id;
        }

        @Override
        public int version(int sid) throws DeviceHaltedException {
            try {
                return doVersion(id, sid);
            } catch (SecurePanic p) {
                throw halted(p);
            }
        }

        @Override
        public int connect(int sid, int version) throws DeviceHaltedException {
            try {
                return doConnect(id, sid, version);
            } catch (SecurePanic p) {
                throw halted(p);
            }
        }

        @Override
        public CallResult call(int handle, int type, InVec[] in, OutVec[] out) throws DeviceHaltedException {
            try {
                return doCall(id, handle, type, in, out);
            } catch (SecurePanic p) {
                throw halted(p);
            }
        }

        @Override
        public int close(int handle) throws DeviceHaltedException {
            try {
                return doClose(id, handle);
            } catch (SecurePanic p) {
                throw halted(p);
            }
        }

        private DeviceHaltedException halted(SecurePanic p) {
            halt(p.getMessage());
            return new DeviceHaltedException(p.getMessage());
        }

        @Override
        public String toString() {
            return "PsaClient[non-secure " + id + "]";
        }
    }
}
