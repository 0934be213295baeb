package io.github.cai4j.cose.firmware;

import io.github.cai4j.cose.CoseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cloud service's registry of devices: each device id maps to a {@link DeviceVerifier} holding its public key and
 * counter state, so a counter is checked per device.
 */
public final class PayloadVerifier {
    private final Map<String, DeviceVerifier> devices = new ConcurrentHashMap<>();

    /** An empty registry. */
    public PayloadVerifier() {
        // devices are added with register
    }

    /** Registers (or replaces) a device. */
    public void register(String deviceId, DeviceVerifier verifier) {
        devices.put(deviceId, verifier);
    }

    public boolean knows(String deviceId) {
        return devices.containsKey(deviceId);
    }

    /** Verifies a message from a registered device; an unknown device is an error. */
    public DeviceVerifier.Result verify(String deviceId, byte[] sign1) throws CoseException {
        DeviceVerifier v = devices.get(deviceId);
        if (v == null) {
            throw new CoseException("unknown device " + deviceId);
        }
        return v.verify(sign1);
    }
}
