package io.github.cai4j.bootloader.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.fwu.FirmwareUpdate;
import io.github.cai4j.bootloader.fwu.FwuState;
import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageVersion;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.flash.MemoryFlash;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PSA Firmware Update over the bootloader: the exact states and statuses of B8. */
class FirmwareUpdateTest {

    static void expect(PsaStatus status, org.junit.jupiter.api.function.Executable call) {
        PsaException e = assertThrows(PsaException.class, call);
        assertEquals(status.value(), e.statusValue(), e.getMessage());
    }

    static void download(FirmwareUpdate fwu, int comp, byte[] image) throws PsaException {
        fwu.start(comp, null);
        assertEquals(FwuState.WRITING, fwu.query(comp).state());
        for (int off = 0; off < image.length; off += 512) {
            fwu.write(comp, off, Arrays.copyOfRange(image, off, Math.min(image.length, off + 512)));
        }
        fwu.finish(comp);
        assertEquals(FwuState.CANDIDATE, fwu.query(comp).state());
    }

    @ParameterizedTest
    @EnumSource(value = UpgradeMode.class, names = {"SWAP_SCRATCH", "SWAP_MOVE"})
    void installTrialAcceptReject(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 1);
        MemoryFlash flash = f.freshFlash();
        Bootloader bl = f.bootloader(flash);
        f.control(flash).installPrimary(0, BootFixture.image(1, 1));
        assertTrue(bl.boot().booted());
        FirmwareUpdate fwu = new FirmwareUpdate(flash, bl);
        assertEquals(FwuState.READY, fwu.query(0).state());
        assertEquals(ImageVersion.parse("1.0.0"), fwu.query(0).version());
        assertEquals(FirmwareUpdate.FLAG_VOLATILE_STAGING | FirmwareUpdate.FLAG_ENCRYPTION, fwu.query(0).flags());

        expect(PsaStatus.ERROR_BAD_STATE, () -> fwu.write(0, 0, new byte[4]));
        expect(PsaStatus.ERROR_BAD_STATE, fwu::install);
        expect(PsaStatus.ERROR_BAD_STATE, () -> fwu.clean(0));
        expect(PsaStatus.ERROR_BAD_STATE, fwu::accept);
        expect(PsaStatus.ERROR_DOES_NOT_EXIST, () -> fwu.start(3, null));
        expect(PsaStatus.ERROR_INVALID_ARGUMENT, () -> fwu.start(0, new byte[] {1}));
        assertEquals(FwuState.READY, fwu.query(0).state());

        byte[] v2 = BootFixture.image(2, 2, true, BootFixture.SIGNER, List.of());
        fwu.start(0, null);
        expect(PsaStatus.ERROR_INVALID_ARGUMENT, () -> fwu.write(0, 1, new byte[4]));
        expect(PsaStatus.ERROR_INVALID_ARGUMENT, () -> fwu.write(0, 0, new byte[0]));
        expect(PsaStatus.ERROR_INVALID_ARGUMENT, () -> fwu.write(0, 0, new byte[FirmwareUpdate.MAX_WRITE_SIZE + 4]));
        expect(PsaStatus.ERROR_INVALID_ARGUMENT, () -> fwu.write(0, bl.maxImageSize(0), new byte[4]));
        fwu.cancel(0);
        assertEquals(FwuState.FAILED, fwu.query(0).state());
        fwu.clean(0);
        assertEquals(FwuState.READY, fwu.query(0).state());

        download(fwu, 0, v2);
        assertEquals(PsaStatus.SUCCESS_REBOOT, fwu.install());
        assertEquals(FwuState.STAGED, fwu.query(0).state());
        expect(PsaStatus.ERROR_BAD_STATE, fwu::install);
        fwu.requestReboot();
        assertTrue(fwu.rebootRequested());

        assertEquals(2, bl.boot().images().get(0).version().major());
        FirmwareUpdate trial = new FirmwareUpdate(flash, bl);
        assertEquals(FwuState.TRIAL, trial.query(0).state());
        assertEquals(ImageVersion.parse("2.0.0"), trial.query(0).version());
        expect(PsaStatus.ERROR_BAD_STATE, () -> trial.start(0, null));
        trial.accept();
        assertEquals(FwuState.UPDATED, trial.query(0).state());
        trial.clean(0);
        assertEquals(FwuState.READY, trial.query(0).state());
        assertEquals(2, bl.boot().images().get(0).version().major());
        assertEquals(2, bl.securityCounters().read(0));

        FirmwareUpdate again = new FirmwareUpdate(flash, bl);
        assertEquals(FwuState.READY, again.query(0).state());
        download(again, 0, BootFixture.image(3, 3));
        assertEquals(PsaStatus.SUCCESS_REBOOT, again.install());
        assertEquals(3, bl.boot().images().get(0).version().major());
        FirmwareUpdate t3 = new FirmwareUpdate(flash, bl);
        assertEquals(FwuState.TRIAL, t3.query(0).state());
        assertEquals(PsaStatus.SUCCESS_REBOOT, t3.reject(-1));
        assertEquals(FwuState.REJECTED, t3.query(0).state());
        assertEquals(-1, t3.query(0).error());
        assertEquals(2, bl.boot().images().get(0).version().major(), "rejected trial reverts");
        assertEquals(FwuState.READY, new FirmwareUpdate(flash, bl).query(0).state());
        assertEquals(2, bl.securityCounters().read(0));

        FirmwareUpdate staged = new FirmwareUpdate(flash, bl);
        download(staged, 0, BootFixture.image(4, 4));
        staged.install();
        assertEquals(PsaStatus.SUCCESS, staged.reject(5));
        assertEquals(FwuState.FAILED, staged.query(0).state());
        assertEquals(2, bl.boot().images().get(0).version().major(), "a rejected staged image is not installed");

        FirmwareUpdate corrupt = new FirmwareUpdate(flash, bl);
        corrupt.start(0, null);
        corrupt.write(0, 0, new byte[64]);
        corrupt.finish(0);
        expect(PsaStatus.ERROR_DATA_CORRUPT, corrupt::install);
        assertEquals(FwuState.FAILED, corrupt.query(0).state());
    }

    @ParameterizedTest
    @EnumSource(UpgradeMode.class)
    void dependenciesAcrossComponents(UpgradeMode mode) throws Exception {
        BootFixture f = new BootFixture(mode, 3);
        MemoryFlash flash = f.freshFlash();
        Bootloader bl = f.bootloader(flash);
        for (int i = 0; i < 3; i++) {
            f.control(flash).installPrimary(i, BootFixture.image(1, 1));
        }
        assertTrue(bl.boot().booted());
        FirmwareUpdate fwu = new FirmwareUpdate(flash, bl);
        download(fwu, 2, BootFixture.image(2, 2, false, BootFixture.SIGNER,
                List.of(new Dependency(0, ImageVersion.parse("2.0.0")))));
        expect(PsaStatus.ERROR_DEPENDENCY_NEEDED, fwu::install);
        assertEquals(FwuState.CANDIDATE, fwu.query(2).state());
        download(fwu, 0, BootFixture.image(2, 2));
        assertEquals(PsaStatus.SUCCESS_REBOOT, fwu.install());
        BootResult r = bl.boot();
        assertEquals(2, r.images().get(0).version().major());
        assertEquals(2, r.images().get(2).version().major());
        FirmwareUpdate after = new FirmwareUpdate(flash, bl);
        FwuState expected = mode == UpgradeMode.OVERWRITE_ONLY ? FwuState.READY : FwuState.TRIAL;
        assertEquals(expected, after.query(0).state());
        assertEquals(expected, after.query(2).state());
        assertEquals(FwuState.READY, after.query(1).state());
    }
}
