package io.github.cai4j.device.junit;

import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceException;
import io.github.cai4j.device.NonSecureWorld;
import io.github.cai4j.psa.flash.FaultMode;

/**
 * A simulated device a test controls: the current {@link Device} (which changes on reboot), and helpers to
 * cut power and reboot on the surviving flash.
 */
public final class DeviceUnderTest implements AutoCloseable {
    private Device device;

    DeviceUnderTest(Device device) {
        this.device = device;
    }

    /** The device as it is now (a new object after each reboot). */
    public Device device() {
        return device;
    }

    /** The current device's non-secure side. */
    public NonSecureWorld nonSecure() {
        return device.nonSecure();
    }

    /** Reboots on the same flash. */
    public Device reboot() throws DeviceException {
        device = device.reboot();
        return device;
    }

    /** Cuts power now; the device refuses calls until {@link #reboot()}. */
    public void powerCut() {
        device.powerCut();
    }

    /** Cuts power now and reboots on what the flash kept. */
    public Device powerCutAndReboot() throws DeviceException {
        device.powerCut();
        return reboot();
    }

    /** Arms a fault at the {@code k}-th flash operation from now (then run the operation under test). */
    public void armPowerCut(long operationsFromNow, FaultMode mode) {
        device.armPowerCut(operationsFromNow, mode);
    }

    @Override
    public void close() {
        device.close();
    }

    @Override
    public String toString() {
        return "DeviceUnderTest[" + device + "]";
    }
}
