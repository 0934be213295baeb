package io.github.cai4j.storage.internal;

import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.FlashException;
import io.github.cai4j.storage.FlashArea;
import java.security.MessageDigest;

/**
 * Reads, erases and programs an area and reads every change back: a dropped write, a flipped bit or a lost
 * power supply becomes {@link PsaStatus#ERROR_STORAGE_FAILURE} before the caller acknowledges anything.
 * Addresses are relative to the area.
 */
public final class VerifiedFlash {
    private final FlashArea area;

    public VerifiedFlash(FlashArea area) {
        this.area = area;
    }

    public FlashArea area() {
        return area;
    }

    public byte[] read(int offset, int length) throws PsaException {
        try {
            return area.device().read(area.address() + offset, length);
        } catch (FlashException e) {
            throw failure("read of " + length + " bytes at area offset " + offset, e);
        }
    }

    /** Erases {@code [offset, offset + length)} (sector aligned) and checks that it reads erased. */
    public void erase(int offset, int length) throws PsaException {
        try {
            area.device().erase(area.address() + offset, length);
        } catch (FlashException e) {
            throw failure("erase of " + length + " bytes at area offset " + offset, e);
        }
        if (!Le.isErased(read(offset, length), 0, length)) {
            throw new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, "erase at area offset " + offset
                    + " did not take effect");
        }
    }

    /** Programs {@code data} (granularity aligned) and checks that it reads back exactly. */
    public void program(int offset, byte[] data) throws PsaException {
        try {
            area.device().program(area.address() + offset, data);
        } catch (FlashException e) {
            throw failure("program of " + data.length + " bytes at area offset " + offset, e);
        }
        if (!MessageDigest.isEqual(read(offset, data.length), data)) {
            throw new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, "program at area offset " + offset
                    + " did not read back");
        }
    }

    private static PsaException failure(String what, FlashException e) {
        return new PsaException(PsaStatus.ERROR_STORAGE_FAILURE, what + " failed: " + e.getMessage(), e);
    }
}
