package io.github.cai4j.storage;

import io.github.cai4j.psa.Psa;

/**
 * The two storage RoT services as TF-M declares them ({@code spec/mcuboot-psa.md} B5/B9): SID, stateless
 * handle and the {@code psa_call} types. Both are stateless, version 1 STRICT, and reachable from the
 * non-secure side.
 *
 * <p>Vectors (little endian): SET {@code in = {uid u64, data, flags u32}}; GET {@code in = {uid u64,
 * offset u32}, out = {data}}; GET_INFO {@code in = {uid u64}, out = {capacity u32, size u32, flags u32}};
 * REMOVE {@code in = {uid u64}}; GET_SUPPORT {@code out = {u32}}. CREATE {@code in = {uid u64, capacity u32,
 * flags u32}} and SET_EXTENDED {@code in = {uid u64, offset u32, data}} are this model's call types for the
 * optional PS API (TF-M has none: it does not offer that API).
 */
public enum StorageService {
    /** TFM_PROTECTED_STORAGE_SERVICE: SID 0x60, stateless index 2, handle 0x40000101; types 1001..1005. */
    PROTECTED_STORAGE("TFM_PROTECTED_STORAGE_SERVICE", 0x60, 2, 1001, 1002, 1003, 1004, 1005, 1006, 1007),
    /** TFM_INTERNAL_TRUSTED_STORAGE_SERVICE: SID 0x70, stateless index 3, handle 0x40000102; types 1000..1003. */
    INTERNAL_TRUSTED_STORAGE("TFM_INTERNAL_TRUSTED_STORAGE_SERVICE", 0x70, 3, 1000, 1001, 1002, 1003, -1, -1, -1);

    private final String serviceName;
    private final int sid;
    private final int statelessIndex;
    private final int typeSet;
    private final int typeGet;
    private final int typeGetInfo;
    private final int typeRemove;
    private final int typeGetSupport;
    private final int typeCreate;
    private final int typeSetExtended;

    StorageService(String serviceName, int sid, int statelessIndex, int set, int get, int getInfo, int remove,
                   int getSupport, int create, int setExtended) {
        this.serviceName = serviceName;
        this.sid = sid;
        this.statelessIndex = statelessIndex;
        this.typeSet = set;
        this.typeGet = get;
        this.typeGetInfo = getInfo;
        this.typeRemove = remove;
        this.typeGetSupport = getSupport;
        this.typeCreate = create;
        this.typeSetExtended = setExtended;
    }

    /** The manifest's service name. */
    public String serviceName() {
        return serviceName;
    }

    public int sid() {
        return sid;
    }

    /** The 1-based stateless handle index of the manifest. */
    public int statelessIndex() {
        return statelessIndex;
    }

    /** The stateless handle clients call: {@code 0x40000101} for PS, {@code 0x40000102} for ITS. */
    public int handle() {
        return Psa.statelessHandle(1, statelessIndex);
    }

    public int typeSet() {
        return typeSet;
    }

    public int typeGet() {
        return typeGet;
    }

    public int typeGetInfo() {
        return typeGetInfo;
    }

    public int typeRemove() {
        return typeRemove;
    }

    /** {@code -1} for ITS, which has no such call. */
    public int typeGetSupport() {
        return typeGetSupport;
    }

    /** {@code -1} for ITS. */
    public int typeCreate() {
        return typeCreate;
    }

    /** {@code -1} for ITS. */
    public int typeSetExtended() {
        return typeSetExtended;
    }
}
