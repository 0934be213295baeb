package io.github.cai4j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.bootloader.fwu.FwuState;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceException;
import io.github.cai4j.device.DeviceImage;
import io.github.cai4j.device.FactoryImages;
import io.github.cai4j.inference.service.EncodingFormat;
import io.github.cai4j.inference.service.SineModel;
import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.psa.flash.FaultMode;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Model updates through the Firmware Update API: power cuts during the swap, and a tampered image. */
class ModelUpdateScenarioTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] newModelImage(long seed, String version) throws Exception {
        return FactoryImages.sign(SineModels.generate(seed).int8Model(), version, false, false, RANDOM);
    }

    @Test
    void powerCutsDuringTheSwapNeverLeaveAMixedModel() throws Exception {
        String oldModel;
        String newModel = null;
        int cutsThatFired = 0;
        // Cut the first boot after install() at several flash operations of the swap; the next boot must run
        // either the old model or the new one under trial, and inference must work.
        for (long k = 0; k < 60; k += 6) {
            Device device = Device.boot();
            oldModel = E2e.modelMeasurement(device);
            E2e.stageModel(device, newModelImage(11, "1.1.0"));
            device.armPowerCut(k, FaultMode.POWER_LOSS_BEFORE);
            Device booted;
            try {
                booted = device.reboot();
            } catch (DeviceException e) {
                cutsThatFired++;
                booted = device.reboot();
            }
            String running = E2e.modelMeasurement(booted);
            if (!running.equals(oldModel)) {
                if (newModel == null) {
                    newModel = running;
                }
                assertEquals(newModel, running, "after a cut at " + k + " a third model image is running");
                assertEquals(FwuState.TRIAL, booted.nonSecure().firmwareUpdate().query(DeviceImage.TFLM_MODEL.index()).state());
            }
            float v = booted.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 90).value();
            assertTrue(Math.abs(v - 1f) < 0.06f, "the running model answers sin(90) = " + v);
            booted.close();
        }
        assertTrue(cutsThatFired > 0, "no cut fell inside the swap: the sweep tested nothing");
    }

    @Test
    void acceptedUpdateStaysAndRejectedUpdateReverts() throws Exception {
        Device device = Device.boot();
        String factory = E2e.modelMeasurement(device);
        E2e.stageModel(device, newModelImage(12, "1.1.0"));
        device = device.reboot();
        String trial = E2e.modelMeasurement(device);
        assertNotEquals(factory, trial);
        device.nonSecure().firmwareUpdate().accept();
        device = device.reboot();
        assertEquals(trial, E2e.modelMeasurement(device), "an accepted model survives a reboot");

        E2e.stageModel(device, newModelImage(13, "1.2.0"));
        device = device.reboot();
        String second = E2e.modelMeasurement(device);
        assertNotEquals(trial, second);
        device.nonSecure().firmwareUpdate().reject(0);
        device = device.reboot();
        assertEquals(trial, E2e.modelMeasurement(device), "a rejected trial reverts to the accepted model");
        device.close();
    }

    @Test
    void tamperedModelImageIsRefusedAtBootAndTheOldModelKeepsRunning() throws Exception {
        Device device = Device.boot();
        String factory = E2e.modelMeasurement(device);
        float before = device.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 45).value();
        byte[] image = newModelImage(14, "2.0.0");
        image[FactoryImages.HEADER_SIZE + 100] ^= 0x40;
        E2e.stageModel(device, image);
        device = device.reboot();
        assertEquals(factory, E2e.modelMeasurement(device));
        assertTrue(device.log().contains("secondary slot refused"), device.logLines()::toString);
        float after = device.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.CBOR, 45).value();
        assertEquals(before, after);
        device.close();
    }
}
