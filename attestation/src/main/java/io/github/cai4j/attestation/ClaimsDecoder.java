package io.github.cai4j.attestation;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.attestation.VerificationFailure.Reason;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a decoded claims map against a profile's rules ({@code spec/cose.md} §8, RFC 9783) and collects every
 * failure; builds the typed claims when there is none. Unknown claims are ignored.
 */
final class ClaimsDecoder {
    private static final List<Integer> HASH_SIZES = List.of(32, 48, 64);
    private static final int MIN_BOOT_SEED = 8;

    private final CBORObject map;
    private final List<VerificationFailure> failures;

    ClaimsDecoder(CBORObject map, List<VerificationFailure> failures) {
        this.map = map;
        this.failures = failures;
    }

    /** The profile the token claims to be in: from its profile claim, else from which key set it uses. */
    Optional<AttestationProfile> detectProfile() {
        for (AttestationProfile p : AttestationProfile.values()) {
            CBORObject v = get(p.profileKey());
            if (v == null) {
                continue;
            }
            String name = name(p.profileKey(), "profile");
            if (v.isTagged() || v.getType() != CBORType.TextString) {
                fail(Reason.WRONG_TYPE, name, "is " + describe(v) + ", expected a text string");
                return Optional.empty();
            }
            String value = v.AsString();
            if (p.isProfileValue(value)) {
                return Optional.of(p);
            }
            fail(Reason.UNKNOWN_PROFILE, name, "'" + printable(value) + "' is not a supported profile");
            return Optional.empty();
        }
        AttestationProfile legacy = AttestationProfile.PSA_IOT_1;
        if (get(legacy.nonceKey()) != null || get(legacy.instanceIdKey()) != null
                || get(legacy.clientIdKey()) != null) {
            return Optional.of(legacy);
        }
        AttestationProfile current = AttestationProfile.PSA_2023;
        fail(Reason.MISSING_CLAIM, name(current.profileKey(), "profile"), "absent");
        return Optional.empty();
    }

    /** Checks every claim of {@code p}; returns the claims if no failure was recorded so far. */
    Optional<AttestationClaims> check(AttestationProfile p, byte[] expectedNonce, byte[] expectedInstanceId) {
        AttestationClaims.Builder b = AttestationClaims.builder(p);
        if (p.profileClaimMandatory() && get(p.profileKey()) == null) {
            fail(Reason.MISSING_CLAIM, name(p.profileKey(), "profile"), "absent");
        }
        Long clientId = integer(p, p.clientIdKey(), "client id", true, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (clientId != null) {
            b.clientId(clientId.intValue());
        }
        Long lifecycle = integer(p, p.lifecycleKey(), "security lifecycle", true, 0, 0xffff_ffffL);
        if (lifecycle != null) {
            if (Lifecycle.isValid(lifecycle)) {
                b.lifecycle(lifecycle.intValue());
            } else {
                fail(Reason.INVALID_VALUE, name(p.lifecycleKey(), "security lifecycle"), String.format(Locale.ROOT,
                        "0x%x is not a defined lifecycle state", lifecycle));
            }
        }
        byte[] implId = bytes(p, p.implementationIdKey(), "implementation id", true);
        if (implId != null) {
            if (implId.length == AttestationClaims.IMPLEMENTATION_ID_SIZE) {
                b.implementationId(implId);
            } else {
                fail(Reason.WRONG_SIZE, name(p.implementationIdKey(), "implementation id"), implId.length
                        + " bytes, expected " + AttestationClaims.IMPLEMENTATION_ID_SIZE);
            }
        }
        byte[] seed = bytes(p, p.bootSeedKey(), "boot seed", p.bootSeedMandatory());
        if (seed != null) {
            boolean ok = p.bootSeedMandatory() ? seed.length == AttestationClaims.BOOT_SEED_SIZE
                    : seed.length >= MIN_BOOT_SEED && seed.length <= AttestationClaims.BOOT_SEED_SIZE;
            if (ok) {
                b.bootSeed(seed);
            } else {
                fail(Reason.WRONG_SIZE, name(p.bootSeedKey(), "boot seed"), seed.length + " bytes, expected "
                        + (p.bootSeedMandatory() ? "32" : "8 to 32"));
            }
        }
        String certRef = text(p, p.certificationReferenceKey(), "certification reference", false);
        if (certRef != null) {
            if (Lifecycle.isCertificationReference(certRef)) {
                b.certificationReference(certRef);
            } else {
                fail(Reason.INVALID_VALUE, name(p.certificationReferenceKey(), "certification reference"), "'"
                        + printable(certRef) + "' is not 13 digits optionally followed by -5 digits");
            }
        }
        b.softwareComponents(softwareComponents(p));
        byte[] nonce = bytes(p, p.nonceKey(), "nonce", true);
        if (nonce != null) {
            if (!HASH_SIZES.contains(nonce.length)) {
                fail(Reason.WRONG_SIZE, name(p.nonceKey(), "nonce"), nonce.length
                        + " bytes, expected 32, 48 or 64");
            } else if (!MessageDigest.isEqual(nonce, expectedNonce)) {
                fail(Reason.NONCE_MISMATCH, name(p.nonceKey(), "nonce"), "is not the challenge sent");
            } else {
                b.nonce(nonce);
            }
        }
        byte[] instance = bytes(p, p.instanceIdKey(), "instance id", true);
        if (instance != null) {
            String n = name(p.instanceIdKey(), "instance id");
            if (!HASH_SIZES.contains(instance.length - 1)) {
                fail(Reason.WRONG_SIZE, n, instance.length + " bytes, expected 33, 49 or 65");
            } else if (instance[0] != AttestationClaims.UEID_TYPE_RAND) {
                fail(Reason.INVALID_VALUE, n, String.format(Locale.ROOT, "type byte 0x%02x, expected 0x01",
                        instance[0] & 0xff));
            } else if (expectedInstanceId != null && !MessageDigest.isEqual(instance, expectedInstanceId)) {
                fail(Reason.INSTANCE_ID_MISMATCH, n, "is not 0x01 || SHA-256 of the trusted attestation key");
            } else {
                b.instanceId(instance);
            }
        }
        String service = text(p, p.verificationServiceKey(), "verification service", false);
        b.verificationService(service);
        return failures.isEmpty() ? Optional.of(b.build()) : Optional.empty();
    }

    private List<SoftwareComponent> softwareComponents(AttestationProfile p) {
        String name = name(p.softwareComponentsKey(), "software components");
        CBORObject arr = get(p.softwareComponentsKey());
        int noMeasurementsKey = p.noSoftwareMeasurementsKey();
        CBORObject none = noMeasurementsKey == 0 ? null : get(noMeasurementsKey);
        if (none != null) {
            String noneName = name(noMeasurementsKey, "no software measurements");
            if (arr != null) {
                fail(Reason.INVALID_VALUE, noneName, "present together with " + name);
            } else if (none.isTagged() || none.getType() != CBORType.Integer || !none.CanValueFitInInt32()
                    || none.AsInt32Value() != 1) {
                fail(Reason.INVALID_VALUE, noneName, describe(none) + ", expected 1");
            }
            return List.of();
        }
        if (arr == null) {
            fail(Reason.MISSING_CLAIM, name, "absent");
            return List.of();
        }
        if (arr.isTagged() || arr.getType() != CBORType.Array) {
            fail(Reason.WRONG_TYPE, name, "is " + describe(arr) + ", expected an array");
            return List.of();
        }
        if (arr.size() == 0) {
            fail(Reason.INVALID_VALUE, name, "is empty");
            return List.of();
        }
        List<SoftwareComponent> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            SoftwareComponent c = component(arr.get(i), name + "[" + i + "]");
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private SoftwareComponent component(CBORObject m, String where) {
        if (m.isTagged() || m.getType() != CBORType.Map) {
            fail(Reason.WRONG_TYPE, where, "is " + describe(m) + ", expected a map");
            return null;
        }
        int before = failures.size();
        String type = componentText(m, SoftwareComponent.KEY_TYPE, where, "measurement type");
        byte[] value = componentHash(m, SoftwareComponent.KEY_MEASUREMENT_VALUE, where, "measurement value");
        String version = componentText(m, SoftwareComponent.KEY_VERSION, where, "version");
        byte[] signer = componentHash(m, SoftwareComponent.KEY_SIGNER_ID, where, "signer id");
        String description = componentText(m, SoftwareComponent.KEY_MEASUREMENT_DESCRIPTION, where,
                "measurement description");
        if (failures.size() != before) {
            return null;
        }
        return new SoftwareComponent(type, value, version, signer, description);
    }

    private String componentText(CBORObject m, int key, String where, String what) {
        CBORObject v = m.GetOrDefault(CBORObject.FromObject(key), null);
        if (v == null) {
            return null;
        }
        if (v.isTagged() || v.getType() != CBORType.TextString) {
            fail(Reason.WRONG_TYPE, where + " " + what + " (" + key + ")", "is " + describe(v)
                    + ", expected a text string");
            return null;
        }
        return v.AsString();
    }

    private byte[] componentHash(CBORObject m, int key, String where, String what) {
        String n = where + " " + what + " (" + key + ")";
        CBORObject v = m.GetOrDefault(CBORObject.FromObject(key), null);
        if (v == null) {
            fail(Reason.MISSING_CLAIM, n, "absent");
            return null;
        }
        if (v.isTagged() || v.getType() != CBORType.ByteString) {
            fail(Reason.WRONG_TYPE, n, "is " + describe(v) + ", expected a byte string");
            return null;
        }
        byte[] b = v.GetByteString();
        if (!HASH_SIZES.contains(b.length)) {
            fail(Reason.WRONG_SIZE, n, b.length + " bytes, expected 32, 48 or 64");
            return null;
        }
        return b;
    }

    // ---------------------------------------------------------------- typed access with failures

    private CBORObject get(int key) {
        return map.GetOrDefault(CBORObject.FromObject(key), null);
    }

    private Long integer(AttestationProfile p, int key, String what, boolean mandatory, long min, long max) {
        CBORObject v = present(p, key, what, mandatory);
        if (v == null) {
            return null;
        }
        if (v.isTagged() || v.getType() != CBORType.Integer) {
            fail(Reason.WRONG_TYPE, name(key, what), "is " + describe(v) + ", expected an integer");
            return null;
        }
        if (!v.CanValueFitInInt64() || v.AsInt64Value() < min || v.AsInt64Value() > max) {
            fail(Reason.INVALID_VALUE, name(key, what), "out of range " + min + ".." + max);
            return null;
        }
        return v.AsInt64Value();
    }

    private byte[] bytes(AttestationProfile p, int key, String what, boolean mandatory) {
        CBORObject v = present(p, key, what, mandatory);
        if (v == null) {
            return null;
        }
        if (v.isTagged() || v.getType() != CBORType.ByteString) {
            fail(Reason.WRONG_TYPE, name(key, what), "is " + describe(v) + ", expected a byte string");
            return null;
        }
        return v.GetByteString();
    }

    private String text(AttestationProfile p, int key, String what, boolean mandatory) {
        CBORObject v = present(p, key, what, mandatory);
        if (v == null) {
            return null;
        }
        if (v.isTagged() || v.getType() != CBORType.TextString) {
            fail(Reason.WRONG_TYPE, name(key, what), "is " + describe(v) + ", expected a text string");
            return null;
        }
        return v.AsString();
    }

    private CBORObject present(AttestationProfile p, int key, String what, boolean mandatory) {
        CBORObject v = get(key);
        if (v == null && mandatory) {
            fail(Reason.MISSING_CLAIM, name(key, what), "absent");
        }
        return v;
    }

    private void fail(Reason reason, String claim, String detail) {
        failures.add(new VerificationFailure(reason, claim, detail));
    }

    private static String name(int key, String what) {
        return what + " (" + key + ")";
    }

    private static String describe(CBORObject v) {
        String t = v.isTagged() ? "a tagged " : "a ";
        return t + v.getType().toString().toLowerCase(Locale.ROOT);
    }

    /** At most 64 printable ASCII characters of an untrusted string, for messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 64 ? sb + "…" : sb.toString();
    }
}
