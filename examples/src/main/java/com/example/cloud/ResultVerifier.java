package com.example.cloud;

import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.firmware.DeviceVerifier;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import java.util.Optional;

/** A cloud service's check of one device's signed inference results. */
public final class ResultVerifier {
    private final DeviceVerifier device;

    /** @param devicePublicKeyPem what {@code keys public 0x5002} printed on the device */
    public ResultVerifier(String devicePublicKeyPem) throws CoseException {
        this.device = DeviceVerifier.fromPem(devicePublicKeyPem);
    }

    /** The inference value, if the COSE_Sign1 is genuine and its counters move forward. */
    public Optional<Float> accept(byte[] sign1) throws CoseException {
        DeviceVerifier.Result r = device.verify(sign1);
        return r.valid() ? r.payload().map(FirmwarePayload::value) : Optional.empty();
    }
}
