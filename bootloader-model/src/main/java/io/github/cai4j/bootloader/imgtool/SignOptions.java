package io.github.cai4j.bootloader.imgtool;

import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageVersion;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code imgtool sign} that shape an image (no secrets). Build with {@link #builder()};
 * the names follow imgtool's flags.
 */
public final class SignOptions {
    /** {@code --public-key-format}. */
    public enum PublicKeyFormat { HASH, FULL }

    private final ImageVersion version;
    private final int headerSize;
    private final boolean padHeader;
    private final int slotSize;
    private final boolean pad;
    private final boolean confirm;
    private final int align;
    private final int maxAlign;
    private final int maxSectors;
    private final boolean overwriteOnly;
    private final Long securityCounter;
    private final boolean securityCounterAuto;
    private final PublicKeyFormat publicKeyFormat;
    private final String bootRecord;
    private final List<Dependency> dependencies;
    private final ECPublicKey encryptionKey;
    private final int encryptKeyLength;
    private final boolean clear;
    private final long loadAddress;
    private final byte erasedValue;
    private final boolean saveEncTlv;
    private final Map<Integer, byte[]> customTlvs;

    private SignOptions(Builder b) {
        this.version = b.version;
        this.headerSize = b.headerSize;
        this.padHeader = b.padHeader;
        this.slotSize = b.slotSize;
        this.pad = b.pad || b.confirm;
        this.confirm = b.confirm;
        this.align = b.align;
        this.maxAlign = b.maxAlign != null ? b.maxAlign : Math.max(8, b.align);
        this.maxSectors = b.maxSectors;
        this.overwriteOnly = b.overwriteOnly;
        this.securityCounter = b.securityCounter;
        this.securityCounterAuto = b.securityCounterAuto;
        this.publicKeyFormat = b.publicKeyFormat;
        this.bootRecord = b.bootRecord;
        this.dependencies = List.copyOf(b.dependencies);
        this.encryptionKey = b.encryptionKey;
        this.encryptKeyLength = b.encryptKeyLength;
        this.clear = b.clear;
        this.loadAddress = b.loadAddress;
        this.erasedValue = b.erasedValue;
        this.saveEncTlv = b.saveEncTlv;
        Map<Integer, byte[]> c = new LinkedHashMap<>();
        b.customTlvs.forEach((k, v) -> c.put(k, v.clone()));
        this.customTlvs = c;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ImageVersion version() {
        return version;
    }

    public int headerSize() {
        return headerSize;
    }

    public boolean padHeader() {
        return padHeader;
    }

    public int slotSize() {
        return slotSize;
    }

    public boolean pad() {
        return pad;
    }

    public boolean confirm() {
        return confirm;
    }

    public int align() {
        return align;
    }

    public int maxAlign() {
        return maxAlign;
    }

    public int maxSectors() {
        return maxSectors;
    }

    public boolean overwriteOnly() {
        return overwriteOnly;
    }

    /** The SEC_CNT value to write, if any ({@code auto} resolved from the version). */
    public Optional<Long> securityCounter() {
        if (securityCounterAuto) {
            return Optional.of(version.autoSecurityCounter());
        }
        return Optional.ofNullable(securityCounter);
    }

    public PublicKeyFormat publicKeyFormat() {
        return publicKeyFormat;
    }

    public Optional<String> bootRecord() {
        return Optional.ofNullable(bootRecord);
    }

    public List<Dependency> dependencies() {
        return dependencies;
    }

    public Optional<ECPublicKey> encryptionKey() {
        return Optional.ofNullable(encryptionKey);
    }

    /** AES key length in bits (128 or 256). */
    public int encryptKeyLength() {
        return encryptKeyLength;
    }

    public boolean clear() {
        return clear;
    }

    public long loadAddress() {
        return loadAddress;
    }

    public byte erasedValue() {
        return erasedValue;
    }

    public boolean saveEncTlv() {
        return saveEncTlv;
    }

    public Map<Integer, byte[]> customTlvs() {
        Map<Integer, byte[]> c = new LinkedHashMap<>();
        customTlvs.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    /** The 16-byte trailer magic for {@link #maxAlign()} ({@code spec/mcuboot-psa.md} A2). */
    public byte[] bootMagic() {
        return io.github.cai4j.bootloader.boot.SlotTrailer.magicFor(maxAlign);
    }

    /** imgtool's trailer size estimate ({@code _trailer_size}). */
    public int trailerSize(int encTlvLength) {
        int magicAligned = alignUp(16, maxAlign);
        if (overwriteOnly) {
            return maxAlign * 2 + magicAligned;
        }
        int t = maxSectors * 3 * align;
        if (encryptionKey != null) {
            int keylen = saveEncTlv ? alignUp(encTlvLength, maxAlign) : alignUp(16, maxAlign);
            t += keylen * 2;
        }
        t += maxAlign * 4;
        t += magicAligned;
        return t;
    }

    static int alignUp(int n, int a) {
        return (n + a - 1) / a * a;
    }

    /** Builder; {@code version}, {@code headerSize} and {@code slotSize} are required as in imgtool. */
    public static final class Builder {
        private ImageVersion version;
        private int headerSize = -1;
        private boolean padHeader;
        private int slotSize = -1;
        private boolean pad;
        private boolean confirm;
        private int align = 1;
        private Integer maxAlign;
        private int maxSectors = 128;
        private boolean overwriteOnly;
        private Long securityCounter;
        private boolean securityCounterAuto;
        private PublicKeyFormat publicKeyFormat = PublicKeyFormat.HASH;
        private String bootRecord;
        private final List<Dependency> dependencies = new ArrayList<>();
        private ECPublicKey encryptionKey;
        private int encryptKeyLength = 128;
        private boolean clear;
        private long loadAddress;
        private byte erasedValue = (byte) 0xff;
        private boolean saveEncTlv;
        private final Map<Integer, byte[]> customTlvs = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder version(ImageVersion v) {
            this.version = v;
            return this;
        }

        public Builder version(String v) {
            return version(ImageVersion.parse(v));
        }

        public Builder headerSize(int v) {
            this.headerSize = v;
            return this;
        }

        public Builder padHeader(boolean v) {
            this.padHeader = v;
            return this;
        }

        public Builder slotSize(int v) {
            this.slotSize = v;
            return this;
        }

        public Builder pad(boolean v) {
            this.pad = v;
            return this;
        }

        public Builder confirm(boolean v) {
            this.confirm = v;
            return this;
        }

        public Builder align(int v) {
            this.align = v;
            return this;
        }

        public Builder maxAlign(int v) {
            this.maxAlign = v;
            return this;
        }

        public Builder maxSectors(int v) {
            this.maxSectors = v;
            return this;
        }

        public Builder overwriteOnly(boolean v) {
            this.overwriteOnly = v;
            return this;
        }

        public Builder securityCounter(long v) {
            this.securityCounter = v;
            this.securityCounterAuto = false;
            return this;
        }

        /** {@code --security-counter auto}. */
        public Builder securityCounterAuto() {
            this.securityCounter = null;
            this.securityCounterAuto = true;
            return this;
        }

        public Builder publicKeyFormat(PublicKeyFormat v) {
            this.publicKeyFormat = v;
            return this;
        }

        /** {@code --boot-record sw_type}. */
        public Builder bootRecord(String swType) {
            this.bootRecord = swType;
            return this;
        }

        public Builder dependency(Dependency d) {
            this.dependencies.add(d);
            return this;
        }

        /** {@code --encrypt}: the device's ECIES-P256 public key. */
        public Builder encrypt(ECPublicKey key) {
            this.encryptionKey = key;
            return this;
        }

        /** {@code --encrypt-keylen} 128 or 256. */
        public Builder encryptKeyLength(int bits) {
            this.encryptKeyLength = bits;
            return this;
        }

        public Builder clear(boolean v) {
            this.clear = v;
            return this;
        }

        public Builder loadAddress(long v) {
            this.loadAddress = v;
            return this;
        }

        public Builder erasedValue(byte v) {
            this.erasedValue = v;
            return this;
        }

        public Builder saveEncTlv(boolean v) {
            this.saveEncTlv = v;
            return this;
        }

        /** {@code --custom-tlv}: a vendor TLV (0xa0..0xfffe) in the protected area. */
        public Builder customTlv(int type, byte[] value) {
            this.customTlvs.put(type, value.clone());
            return this;
        }

        public SignOptions build() {
            if (version == null) {
                throw new IllegalArgumentException("--version is required");
            }
            if (headerSize < 32 || headerSize > 0xffff) {
                throw new IllegalArgumentException("Minimum value for -H/--header-size is 32 (got " + headerSize + ")");
            }
            if (slotSize < 0) {
                throw new IllegalArgumentException("-S/--slot-size is required");
            }
            if (!List.of(1, 2, 4, 8, 16, 32).contains(align)) {
                throw new IllegalArgumentException("Invalid alignment: " + align);
            }
            if (maxAlign != null && !List.of(8, 16, 32).contains(maxAlign)) {
                throw new IllegalArgumentException("--max-align must be 8, 16 or 32");
            }
            if (encryptKeyLength != 128 && encryptKeyLength != 256) {
                throw new IllegalArgumentException("--encrypt-keylen must be 128 or 256");
            }
            if (clear && encryptionKey == null) {
                throw new IllegalArgumentException("--clear needs --encrypt");
            }
            if (securityCounter != null && (securityCounter < 0 || securityCounter > 0xffffffffL)) {
                throw new IllegalArgumentException("security counter out of range");
            }
            if (bootRecord != null && bootRecord.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 12) {
                throw new IllegalArgumentException("'" + bootRecord + "' is too long (" + bootRecord.length()
                        + " characters) for sw_type. Its maximum allowed length is 12 characters.");
            }
            for (int t : customTlvs.keySet()) {
                if (t < 0xa0 || t > 0xfffe || (t & 0xff) < 0xa0) {
                    throw new IllegalArgumentException("custom TLV type 0x" + Integer.toHexString(t)
                            + " is outside the vendor range");
                }
            }
            return new SignOptions(this);
        }
    }
}
