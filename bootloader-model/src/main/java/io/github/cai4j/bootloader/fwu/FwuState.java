package io.github.cai4j.bootloader.fwu;

/** {@code PSA_FWU_*} component states with their values ({@code psa/update.h}, {@code spec/mcuboot-psa.md} B8). */
public enum FwuState {
    READY(0), WRITING(1), CANDIDATE(2), STAGED(3), FAILED(4), TRIAL(5), REJECTED(6), UPDATED(7);

    private final int value;

    FwuState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
