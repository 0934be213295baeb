package io.github.cai4j.bootloader.image;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.nio.charset.StandardCharsets;

/**
 * The BOOT_RECORD TLV (0x60): a CBOR map with the PSA attestation software-component claim keys
 * {1: sw_type, 4: "maj.min.rev", 5: signer id, 6: "SHA256", 2: measurement}, in that order with key 2 last
 * ({@code spec/mcuboot-psa.md} A1). imgtool writes 32 zero bytes as measurement; the bootloader fills it in.
 */
public record BootRecord(String swType, String version, byte[] signerId, String measurementType,
                         byte[] measurement) {

    public static final int MAX_SW_TYPE_LENGTH = 12;

    public BootRecord {
        signerId = signerId.clone();
        measurement = measurement.clone();
    }

    @Override
    public byte[] signerId() {
        return signerId.clone();
    }

    @Override
    public byte[] measurement() {
        return measurement.clone();
    }

    /** The record imgtool writes: measurement = 32 zero bytes, type SHA256. */
    public static BootRecord forSigning(String swType, ImageVersion version, byte[] signerId) {
        if (swType.getBytes(StandardCharsets.UTF_8).length > MAX_SW_TYPE_LENGTH) {
            throw new IllegalArgumentException("'" + swType + "' is too long (" + swType.length()
                    + " characters) for sw_type. Its maximum allowed length is 12 characters.");
        }
        return new BootRecord(swType, version.withoutBuild(), signerId, "SHA256", new byte[32]);
    }

    /** A copy with the measurement filled in (as the bootloader does at boot). */
    public BootRecord withMeasurement(byte[] digest) {
        return new BootRecord(swType, version, signerId, measurementType, digest);
    }

    /** The CBOR encoding in imgtool's key order. */
    public byte[] encode() {
        CBORObject map = CBORObject.NewOrderedMap();
        map.Add(1, swType);
        map.Add(4, version);
        map.Add(5, signerId);
        map.Add(6, measurementType);
        map.Add(2, measurement);
        return map.EncodeToBytes();
    }

    /** Decodes a BOOT_RECORD value; {@code offset} names where it sits for the error message. */
    public static BootRecord decode(byte[] value, int offset) throws ImageException {
        CBORObject map;
        try {
            map = CBORObject.DecodeFromBytes(value);
        } catch (CBORException | IllegalArgumentException e) {
            throw new ImageException("BOOT_RECORD TLV is not valid CBOR: " + e.getMessage(), offset);
        }
        if (map.getType() != CBORType.Map) {
            throw new ImageException("BOOT_RECORD TLV is not a CBOR map", offset);
        }
        return new BootRecord(text(map, 1, offset), text(map, 4, offset), bytes(map, 5, offset),
                text(map, 6, offset), bytes(map, 2, offset));
    }

    private static String text(CBORObject map, int key, int offset) throws ImageException {
        CBORObject v = map.GetOrDefault(CBORObject.FromObject(key), null);
        if (v == null || v.getType() != CBORType.TextString) {
            throw new ImageException("BOOT_RECORD lacks text claim " + key, offset);
        }
        return v.AsString();
    }

    private static byte[] bytes(CBORObject map, int key, int offset) throws ImageException {
        CBORObject v = map.GetOrDefault(CBORObject.FromObject(key), null);
        if (v == null || v.getType() != CBORType.ByteString) {
            throw new ImageException("BOOT_RECORD lacks byte-string claim " + key, offset);
        }
        return v.GetByteString();
    }
}
