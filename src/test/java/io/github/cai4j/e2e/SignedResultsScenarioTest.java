package io.github.cai4j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.cose.firmware.DeviceVerifier;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.device.shell.DeviceShell;
import io.github.cai4j.nvcounter.NvCounters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Boot, infer with SIGN1, verify with the public key the shell prints, reboot on the same flash: the counters
 * never repeat in the safe mode, and repeat exactly as the firmware's in the firmware mode.
 */
class SignedResultsScenarioTest {

    private static DeviceVerifier verifierFromShell(Device device) throws Exception {
        List<String> out = new DeviceShell(device).execute("keys public 0x5002");
        int begin = out.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = out.indexOf("-----END PUBLIC KEY-----");
        assertTrue(begin >= 0 && end > begin, out::toString);
        return DeviceVerifier.fromPem(String.join("\n", out.subList(begin, end + 1)));
    }

    @Test
    void safeCountersNeverRepeatAcrossRebootsAndPowerCuts() throws Exception {
        Device device = Device.boot(DeviceConfig.builder().nvCounterMode(NvCounters.Mode.SAFE).build());
        DeviceVerifier verifier = verifierFromShell(device);
        Set<Long> seen = new HashSet<>();
        FirmwarePayload.Counters last = null;
        for (int boot = 0; boot < 4; boot++) {
            for (int i = 0; i < 7; i++) {
                byte[] sign1 = E2e.signedResult(device, 10 * i);
                DeviceVerifier.Result r = verifier.verify(sign1);
                assertEquals(DeviceVerifier.Status.VALID, r.status(), "boot " + boot + " result " + i);
                FirmwarePayload.Counters c = r.payload().orElseThrow().counters().orElseThrow();
                assertTrue(seen.add(c.counter()), "counter " + c.counter() + " repeated after boot " + boot);
                assertTrue(last == null || c.compareTo(last) > 0, "counters went backwards");
                last = c;
            }
            if (boot % 2 == 0) {
                device.powerCut();
            }
            device = device.reboot();
        }
        device.close();
    }

    @Test
    void firmwareModeReusesCountersAfterARebootAsTheFirmwareDoes() throws Exception {
        Device device = Device.boot(DeviceConfig.builder().nvCounterMode(NvCounters.Mode.FIRMWARE_EXACT).build());
        long first = E2e.countersOf(E2e.signedResult(device, 1)).counter();
        long second = E2e.countersOf(E2e.signedResult(device, 2)).counter();
        assertEquals(first + 1, second);
        device = device.reboot();
        // Fewer than `threshold` increments were made, so nothing was written back: the firmware starts
        // again from the value stored in PS and hands out the same counter values once more.
        long afterReboot = E2e.countersOf(E2e.signedResult(device, 3)).counter();
        assertEquals(first, afterReboot, "the firmware mode repeats the first counter value after a reboot");
        device.close();
    }
}
