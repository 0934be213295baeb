package io.github.cai4j.bootloader.image;

import java.util.Locale;
import java.util.Map;

/** TLV type codes of {@code image.h} and imgtool's names for them ({@code spec/mcuboot-psa.md} A1). */
public final class TlvType {
    public static final int KEYHASH = 0x01;
    public static final int PUBKEY = 0x02;
    public static final int SHA256 = 0x10;
    public static final int SHA384 = 0x11;
    public static final int SHA512 = 0x12;
    public static final int RSA2048_PSS = 0x20;
    public static final int ECDSA224 = 0x21;
    public static final int ECDSA_SIG = 0x22;
    public static final int RSA3072_PSS = 0x23;
    public static final int ED25519 = 0x24;
    public static final int SIG_PURE = 0x25;
    public static final int ENC_RSA2048 = 0x30;
    public static final int ENC_KW = 0x31;
    public static final int ENC_EC256 = 0x32;
    public static final int ENC_X25519 = 0x33;
    public static final int ENC_X25519_SHA512 = 0x34;
    public static final int DEPENDENCY = 0x40;
    public static final int SEC_CNT = 0x50;
    public static final int BOOT_RECORD = 0x60;
    public static final int DECOMP_SIZE = 0x70;
    public static final int DECOMP_SHA = 0x71;
    public static final int DECOMP_SIGNATURE = 0x72;
    public static final int COMP_DEC_SIZE = 0x73;
    public static final int UUID_VID = 0x74;
    public static final int UUID_CID = 0x75;
    public static final int ANY = 0xffff;

    /** imgtool's names (its {@code TLV_VALUES} keys), as printed by {@code dumpinfo}. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(KEYHASH, "KEYHASH"), Map.entry(PUBKEY, "PUBKEY"), Map.entry(SHA256, "SHA256"),
            Map.entry(SHA384, "SHA384"), Map.entry(SHA512, "SHA512"), Map.entry(RSA2048_PSS, "RSA2048"),
            Map.entry(ECDSA_SIG, "ECDSASIG"), Map.entry(RSA3072_PSS, "RSA3072"), Map.entry(ED25519, "ED25519"),
            Map.entry(SIG_PURE, "SIG_PURE"), Map.entry(ENC_RSA2048, "ENCRSA2048"), Map.entry(ENC_KW, "ENCKW"),
            Map.entry(ENC_EC256, "ENCEC256"), Map.entry(ENC_X25519, "ENCX25519"),
            Map.entry(DEPENDENCY, "DEPENDENCY"), Map.entry(SEC_CNT, "SEC_CNT"),
            Map.entry(BOOT_RECORD, "BOOT_RECORD"), Map.entry(DECOMP_SIZE, "DECOMP_SIZE"),
            Map.entry(DECOMP_SHA, "DECOMP_SHA"), Map.entry(DECOMP_SIGNATURE, "DECOMP_SIGNATURE"),
            Map.entry(COMP_DEC_SIZE, "COMP_DEC_SIZE"), Map.entry(UUID_VID, "UUID_VID"),
            Map.entry(UUID_CID, "UUID_CID"));

    private TlvType() {
    }

    /** imgtool's name of a type, {@code UNKNOWN} for other values (as {@code dumpinfo} prints). */
    public static String name(int type) {
        return NAMES.getOrDefault(type, "UNKNOWN");
    }

    /** A name for messages: imgtool's name or the hex value. */
    public static String describe(int type) {
        String n = NAMES.get(type);
        return n != null ? n + " (0x" + Integer.toHexString(type) + ")"
                : "0x" + Integer.toHexString(type).toUpperCase(Locale.ROOT);
    }

    /** Signature TLV types. */
    public static boolean isSignature(int type) {
        return type == RSA2048_PSS || type == ECDSA224 || type == ECDSA_SIG || type == RSA3072_PSS || type == ED25519;
    }

    /** Image digest TLV types. */
    public static boolean isHash(int type) {
        return type == SHA256 || type == SHA384 || type == SHA512;
    }

    /** Encryption key TLV types. */
    public static boolean isEncryptionKey(int type) {
        return type >= ENC_RSA2048 && type <= ENC_X25519_SHA512;
    }

    /** The types allowed in the unprotected area (MCUBOOT_USE_TLV_ALLOW_LIST). */
    public static boolean allowedUnprotected(int type) {
        return type == KEYHASH || type == PUBKEY || isHash(type) || isSignature(type) || type == SIG_PURE
                || isEncryptionKey(type) || type == DECOMP_SIZE || type == DECOMP_SHA || type == DECOMP_SIGNATURE;
    }
}
