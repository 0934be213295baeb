package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.platform.PlatformLog;
import io.github.cai4j.storage.FlashArea;
import io.github.cai4j.storage.PlatformNvCounters;
import io.github.cai4j.storage.StorageConfig;
import io.github.cai4j.storage.StorageFlags;
import io.github.cai4j.storage.StorageInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The PSA Secure Storage semantics ({@code spec/mcuboot-psa.md} B5) over an A/B pair of banks on flash.
 *
 * <h2>Writing</h2>
 * Every change writes a complete new image of the store (see {@link BankImage}) into the bank that is not
 * active: (1) the table NV counter {@code ATTEMPT} is incremented to the new generation {@code g}; (2) the new
 * or changed object is sealed with IV derived from {@code g}; (3) the other bank is erased and the image of
 * generation {@code g} programmed and read back; (4) the {@code DONE} counter is advanced to {@code g}; only
 * then is the change acknowledged. Any failure reports {@code PSA_ERROR_STORAGE_FAILURE}, and the next request
 * mounts again from flash, so memory never disagrees with what a reboot would see.
 *
 * <h2>Mounting</h2>
 * With {@code c1 = ATTEMPT} and {@code c2 = DONE}: a bank authenticating with generation {@code c1} is the
 * store (and {@code DONE} is rolled forward to it); otherwise, while a write was in progress ({@code c2 < c1}),
 * a bank with generation {@code c2}. Nothing else is accepted: a restored older image, a wiped area or a bank
 * whose table does not authenticate is refused with {@code PSA_ERROR_DATA_CORRUPT} on every request. Only a
 * store that has never completed a write ({@code c2 == 0}) is formatted afresh.
 *
 * <p>Not thread-safe by itself: the owning partition handles one message at a time.
 */
public final class ObjectStore {
    private final VerifiedFlash flash;
    private final int bankSize;
    private final int granularity;
    private final PlatformNvCounters counters;
    private final int attemptCounter;
    private final int doneCounter;
    private final ObjectProtection protection;
    private final int maxObjects;
    private final int maxObjectSize;
    private final int maxTotalSize;
    private final boolean setExtendedSupported;
    private final PlatformLog log;

    private boolean mounted;
    private PsaException tampered;
    private int activeBank = -1;
    private List<StoredObject> objects = List.of();

    public ObjectStore(StorageConfig config, ObjectProtection protection, int attemptCounter, int doneCounter,
                       PlatformLog log) {
        FlashArea area = config.area();
        this.flash = new VerifiedFlash(area);
        this.bankSize = area.size() / 2;
        this.granularity = area.writeGranularity();
        this.counters = config.counters();
        this.attemptCounter = attemptCounter;
        this.doneCounter = doneCounter;
        this.protection = protection;
        this.maxObjects = config.maxObjects();
        this.maxObjectSize = config.maxObjectSize();
        this.maxTotalSize = config.maxTotalSize();
        this.setExtendedSupported = config.setExtendedSupported();
        this.log = log;
        int worst = BankImage.imageLength(maxObjects, maxTotalSize, protection.tableTagLength());
        if (Le.roundUp(worst, granularity) > bankSize) {
            throw new IllegalArgumentException("a full " + protection.name() + " store needs " + worst
                    + " bytes, a bank has " + bankSize);
        }
    }

    // ------------------------------------------------------------------ mounting

    /** Mounts now (normally done lazily by the first request); throws what a request would report. */
    public void mount() throws PsaException {
        ensureMounted();
    }

    private void ensureMounted() throws PsaException {
        if (tampered != null) {
            throw new PsaException(PsaStatus.ERROR_DATA_CORRUPT, tampered.getMessage());
        }
        if (!mounted) {
            doMount();
        }
    }

    private void doMount() throws PsaException {
        long c1 = counters.read(attemptCounter);
        long c2 = counters.read(doneCounter);
        if (c2 > c1) {
            throw tamper("table NV counters are inconsistent");
        }
        List<Optional<BankImage.Table>> banks = new ArrayList<>(2);
        for (int b = 0; b < 2; b++) {
            banks.add(BankImage.parse(protection, b, flash.read(b * bankSize, bankSize), StorageFlags.ALL));
        }
        int chosen = find(banks, c1);
        if (chosen < 0 && c2 < c1) {
            chosen = find(banks, c2);
        }
        if (chosen < 0) {
            if (c2 != 0) {
                throw tamper("no authentic " + protection.name() + " object table of the current generation");
            }
            log.info("", "Creating an empty " + protection.name() + " flash layout.");
            activeBank = -1;
            objects = List.of();
            mounted = true;
            commit(List.of(), List.of());
            return;
        }
        BankImage.Table table = banks.get(chosen).orElseThrow();
        if (table.generation() == c1 && c2 < c1) {
            counters.advanceTo(doneCounter, c1);
        }
        activeBank = chosen;
        objects = table.objects();
        mounted = true;
    }

    private static int find(List<Optional<BankImage.Table>> banks, long generation) {
        for (int b = 0; b < banks.size(); b++) {
            Optional<BankImage.Table> t = banks.get(b);
            if (t.isPresent() && t.get().generation() == generation) {
                return b;
            }
        }
        return -1;
    }

    private PsaException tamper(String why) {
        tampered = new PsaException(PsaStatus.ERROR_DATA_CORRUPT, protection.name() + ": " + why);
        log.error("", protection.name() + " refused its flash image: " + why);
        return tampered;
    }

    // ------------------------------------------------------------------ requests

    /** {@code psa_*_set}. */
    public void set(int clientId, long uid, byte[] data, int flags) throws PsaException {
        checkUid(uid);
        if ((flags & ~StorageFlags.ALL) != 0) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "unsupported create flags 0x"
                    + Integer.toHexString(flags));
        }
        if (data.length > maxObjectSize) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "object of " + data.length
                    + " bytes exceeds the maximum of " + maxObjectSize);
        }
        ensureMounted();
        int index = indexOf(clientId, uid);
        if (index >= 0 && (objects.get(index).meta().flags() & StorageFlags.WRITE_ONCE) != 0) {
            throw new PsaException(PsaStatus.ERROR_NOT_PERMITTED, "uid is write-once");
        }
        reserve(index, data.length);
        ObjectMeta meta = new ObjectMeta(clientId, uid, flags, data.length, data.length);
        replace(index, meta, data);
    }

    /** {@code psa_*_get}: up to {@code maxLength} bytes from {@code offset}. */
    public byte[] get(int clientId, long uid, long offset, int maxLength) throws PsaException {
        checkUid(uid);
        ensureMounted();
        StoredObject o = require(clientId, uid);
        if (offset < 0 || offset > o.meta().size()) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "offset " + offset + " is past the object's "
                    + o.meta().size() + " bytes");
        }
        byte[] plain = plaintext(o);
        int n = (int) Math.min(Math.max(0, maxLength), o.meta().size() - offset);
        byte[] out = Arrays.copyOfRange(plain, (int) offset, (int) offset + n);
        Arrays.fill(plain, (byte) 0);
        return out;
    }

    /** {@code psa_*_get_info}. */
    public StorageInfo getInfo(int clientId, long uid) throws PsaException {
        checkUid(uid);
        ensureMounted();
        StoredObject o = require(clientId, uid);
        Arrays.fill(plaintext(o), (byte) 0);
        return new StorageInfo(o.meta().capacity(), o.meta().size(), o.meta().flags());
    }

    /** {@code psa_*_remove}. */
    public void remove(int clientId, long uid) throws PsaException {
        checkUid(uid);
        ensureMounted();
        StoredObject o = require(clientId, uid);
        if ((o.meta().flags() & StorageFlags.WRITE_ONCE) != 0) {
            throw new PsaException(PsaStatus.ERROR_NOT_PERMITTED, "uid is write-once");
        }
        List<StoredObject> next = new ArrayList<>(objects);
        List<byte[]> data = storedData();
        int index = indexOf(clientId, uid);
        next.remove(index);
        data.remove(index);
        commit(next, data);
    }

    /** {@code psa_ps_get_support}. */
    public int getSupport() {
        return setExtendedSupported ? StorageFlags.SUPPORT_SET_EXTENDED : 0;
    }

    /** {@code psa_ps_create}: reserves {@code capacity} bytes, size 0. */
    public void create(int clientId, long uid, long capacity, int flags) throws PsaException {
        if (!setExtendedSupported) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "psa_ps_create is not supported");
        }
        checkUid(uid);
        if ((flags & ~StorageFlags.ALL) != 0 || (flags & StorageFlags.WRITE_ONCE) != 0) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "create flags 0x" + Integer.toHexString(flags)
                    + " are not supported by psa_ps_create");
        }
        ensureMounted();
        int index = indexOf(clientId, uid);
        if (index >= 0) {
            throw new PsaException(PsaStatus.ERROR_ALREADY_EXISTS, "uid already exists");
        }
        if (capacity < 0 || capacity > maxObjectSize) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_STORAGE, "capacity " + capacity
                    + " exceeds the maximum object size " + maxObjectSize);
        }
        reserve(-1, (int) capacity);
        replace(-1, new ObjectMeta(clientId, uid, flags, 0, (int) capacity), new byte[0]);
    }

    /** {@code psa_ps_set_extended}: writes {@code data} at {@code offset} within the capacity, no gaps. */
    public void setExtended(int clientId, long uid, long offset, byte[] data) throws PsaException {
        if (!setExtendedSupported) {
            throw new PsaException(PsaStatus.ERROR_NOT_SUPPORTED, "psa_ps_set_extended is not supported");
        }
        checkUid(uid);
        ensureMounted();
        StoredObject o = require(clientId, uid);
        ObjectMeta m = o.meta();
        if ((m.flags() & StorageFlags.WRITE_ONCE) != 0) {
            throw new PsaException(PsaStatus.ERROR_NOT_PERMITTED, "uid is write-once");
        }
        if (offset < 0 || offset > m.size() || offset + data.length > m.capacity()) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "write of " + data.length + " bytes at "
                    + offset + " leaves a gap or exceeds the capacity " + m.capacity());
        }
        byte[] plain = plaintext(o);
        if (data.length == 0) {
            Arrays.fill(plain, (byte) 0);
            return;
        }
        int newSize = (int) Math.max(m.size(), offset + data.length);
        byte[] next = Arrays.copyOf(plain, newSize);
        System.arraycopy(data, 0, next, (int) offset, data.length);
        Arrays.fill(plain, (byte) 0);
        replace(indexOf(clientId, uid), new ObjectMeta(clientId, uid, m.flags(), newSize, m.capacity()), next);
        Arrays.fill(next, (byte) 0);
    }

    // ------------------------------------------------------------------ helpers

    private static void checkUid(long uid) throws PsaException {
        if (uid == 0) {
            throw new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "uid 0 is invalid");
        }
    }

    private int indexOf(int clientId, long uid) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).is(clientId, uid)) {
                return i;
            }
        }
        return -1;
    }

    private StoredObject require(int clientId, long uid) throws PsaException {
        int i = indexOf(clientId, uid);
        if (i < 0) {
            throw new PsaException(PsaStatus.ERROR_DOES_NOT_EXIST, "uid does not exist");
        }
        return objects.get(i);
    }

    /** Checks the limits for replacing entry {@code index} (-1: a new entry) by one of {@code capacity}. */
    private void reserve(int index, int capacity) throws PsaException {
        if (index < 0 && objects.size() >= maxObjects) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_STORAGE, "the store holds its maximum of "
                    + maxObjects + " objects");
        }
        long total = capacity;
        for (int i = 0; i < objects.size(); i++) {
            if (i != index) {
                total += objects.get(i).meta().capacity();
            }
        }
        if (total > maxTotalSize) {
            throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_STORAGE, "the store has no room for "
                    + capacity + " more bytes");
        }
    }

    private void replace(int index, ObjectMeta meta, byte[] plaintext) throws PsaException {
        long generation = counters.read(attemptCounter) + 1;
        ObjectProtection.Sealed sealed = protection.protect(meta, generation, plaintext);
        List<StoredObject> next = new ArrayList<>(objects);
        List<byte[]> data = storedData();
        StoredObject entry = new StoredObject(meta, sealed.iv(), sealed.tag(), 0, sealed.stored().length);
        if (index < 0) {
            next.add(entry);
            data.add(sealed.stored());
        } else {
            next.set(index, entry);
            data.set(index, sealed.stored());
        }
        commit(next, data);
    }

    private List<byte[]> storedData() throws PsaException {
        List<byte[]> data = new ArrayList<>(objects.size());
        for (StoredObject o : objects) {
            data.add(stored(o));
        }
        return data;
    }

    private byte[] stored(StoredObject o) throws PsaException {
        int dataStart = BankImage.HEADER_BYTES + objects.size() * BankImage.ENTRY_BYTES;
        return flash.read(activeBank * bankSize + dataStart + o.dataOffset(), o.storedLength());
    }

    private byte[] plaintext(StoredObject o) throws PsaException {
        return protection.unprotect(o.meta(), o.iv(), o.tag(), stored(o));
    }

    private void commit(List<StoredObject> next, List<byte[]> data) throws PsaException {
        try {
            long generation = counters.read(attemptCounter) + 1;
            List<StoredObject> placed = new ArrayList<>(next.size());
            int offset = 0;
            for (int i = 0; i < next.size(); i++) {
                StoredObject o = next.get(i);
                placed.add(new StoredObject(o.meta(), o.iv(), o.tag(), offset, data.get(i).length));
                offset += data.get(i).length;
            }
            int target = activeBank == 0 ? 1 : 0;
            byte[] image = BankImage.encode(protection, target, generation, placed, data, granularity);
            if (image.length > bankSize) {
                throw new PsaException(PsaStatus.ERROR_INSUFFICIENT_STORAGE, "image exceeds the bank");
            }
            if (counters.increment(attemptCounter) != generation) {
                throw new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, "table NV counter moved unexpectedly");
            }
            flash.erase(target * bankSize, bankSize);
            flash.program(target * bankSize, image);
            counters.advanceTo(doneCounter, generation);
            activeBank = target;
            objects = List.copyOf(placed);
        } catch (PsaException e) {
            mounted = false;
            throw e;
        }
    }
}
