package io.github.cai4j.bootloader.boot;

import io.github.cai4j.bootloader.image.BootRecord;
import io.github.cai4j.bootloader.image.Dependency;
import io.github.cai4j.bootloader.image.ImageEncryption;
import io.github.cai4j.bootloader.image.ImageException;
import io.github.cai4j.bootloader.image.ImageHeader;
import io.github.cai4j.bootloader.image.ImageVerifier;
import io.github.cai4j.bootloader.image.ImageVersion;
import io.github.cai4j.bootloader.image.McubootImage;
import io.github.cai4j.bootloader.image.VerificationResult;
import io.github.cai4j.psa.flash.FlashDevice;
import io.github.cai4j.psa.flash.FlashException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MCUboot model ({@code spec/mcuboot-psa.md} A2, A3): on every {@link #boot()} it resumes an interrupted
 * upgrade from the status in the primary trailer, otherwise decides a new one from the trailers (the swap
 * decision table), validates the candidate (signature, security counter, decryption with the device key),
 * checks dependencies, performs the overwrite or swap, then validates every primary image, raises the
 * security counters as A3 says and reports the boot measurements.
 *
 * <p>Every flash operation is one {@link FlashDevice} call, and every step can be repeated after a power
 * loss, so a boot cut at any operation and followed by another boot ends in the same state as an
 * uninterrupted one. A {@link FlashException} (e.g. the power cut itself) propagates to the caller.
 *
 * <p>The image (with its TLVs) must fit the slot's sectors below the trailer (one sector fewer in the
 * primary for swap-move); the swapped region never includes trailer sectors.
 */
public final class Bootloader {
    private final FlashDevice flash;
    private final FlashLayout layout;
    private final BootConfig config;
    private final SecurityCounterStore counters;
    private final int sector;
    private final List<String> log = new ArrayList<>();

    public Bootloader(FlashDevice flash, FlashLayout layout, BootConfig config) {
        this.flash = flash;
        this.layout = layout;
        this.config = config;
        this.sector = flash.geometry().sectorSize();
        if (config.mode() == UpgradeMode.SWAP_SCRATCH && layout.scratch().isEmpty()) {
            throw new IllegalArgumentException("swap-scratch needs a scratch area in the layout");
        }
        for (FlashLayout.ImageSlots s : layout.images()) {
            if (s.primary().size() != s.secondary().size()) {
                throw new IllegalArgumentException("slots of image " + s.name() + " differ in size");
            }
            trailer(s);
            if (dataSectors(s) < 2) {
                throw new IllegalArgumentException("slots of image " + s.name() + " leave no room for an image");
            }
        }
        this.counters = new SecurityCounterStore(flash, layout.counters());
    }

    public FlashLayout layout() {
        return layout;
    }

    public BootConfig config() {
        return config;
    }

    /** What the last boots did (for diagnostics; no secrets). */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** The security counter store of this device. */
    public SecurityCounterStore securityCounters() {
        return counters;
    }

    SlotTrailer trailer(FlashLayout.ImageSlots s) {
        return config.trailer(s.primary().size(), flash.geometry().writeGranularity());
    }

    /** Sectors of a slot that hold no trailer byte. */
    int dataSectors(FlashLayout.ImageSlots s) {
        return trailer(s).statusOffset() / sector;
    }

    /** Largest image (header, payload, TLVs) the slots of {@code image} take in this mode. */
    public int maxImageSize(int image) {
        FlashLayout.ImageSlots s = layout.image(image);
        int d = dataSectors(s) - (config.mode() == UpgradeMode.SWAP_MOVE ? 1 : 0);
        return Math.min(d, config.maxImageSectors()) * sector;
    }

    /** Boots: resume or perform upgrades, then validate every image. */
    public BootResult boot() throws FlashException {
        int n = layout.images().size();
        SwapType[] pending = new SwapType[n];
        SwapType[] performed = new SwapType[n];
        Arrays.fill(performed, SwapType.NONE);
        for (int i = 0; i < n; i++) {
            FlashLayout.ImageSlots s = layout.image(i);
            SlotTrailer t = trailer(s);
            SlotTrailer.State pri = t.read(flash, s.primary());
            if (config.mode() != UpgradeMode.OVERWRITE_ONLY && inProgress(pri)) {
                log.add("image " + i + ": resuming interrupted " + pri.swapType() + " swap");
                runSwap(s);
                performed[i] = pri.swapType();
                pending[i] = SwapType.NONE;
            } else {
                pending[i] = decide(s);
            }
        }
        for (int i = 0; i < n; i++) {
            if (pending[i] == SwapType.TEST || pending[i] == SwapType.PERM) {
                Optional<String> unmet = unmetDependency(i, pending);
                if (unmet.isPresent()) {
                    log.add("image " + i + ": upgrade held back, " + unmet.get());
                    pending[i] = SwapType.NONE;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (pending[i] != SwapType.NONE) {
                FlashLayout.ImageSlots s = layout.image(i);
                if (config.mode() == UpgradeMode.OVERWRITE_ONLY) {
                    overwrite(s);
                } else {
                    startSwap(s, pending[i]);
                    runSwap(s);
                }
                performed[i] = pending[i];
            }
        }
        List<BootResult.BootedImage> booted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FlashLayout.ImageSlots s = layout.image(i);
            Optional<McubootImage> img = readImage(s.primary());
            if (img.isEmpty()) {
                return fail("image " + i + " (" + s.name() + "): no valid image header in the primary slot");
            }
            Candidate c = validate(img.get(), false, i);
            if (c.failure != null) {
                return fail("image " + i + " (" + s.name() + "): " + c.failure);
            }
            SlotTrailer.State pri = trailer(s).read(flash, s.primary());
            if (config.hwRollbackProtection()
                    && !(pri.magic() == SlotTrailer.Magic.GOOD && pri.imageOk() == SlotTrailer.Flag.UNSET)) {
                counters.raise(i, c.securityCounter);
            }
            String type = s.name();
            try {
                Optional<BootRecord> br = c.image.bootRecord();
                if (br.isPresent()) {
                    type = br.get().swType();
                }
            } catch (ImageException e) {
                return fail("image " + i + " (" + s.name() + "): " + e.getMessage());
            }
            BootMeasurement m = new BootMeasurement(i, type, c.image.header().version(), c.result.digest(),
                    c.result.signer().orElseThrow().keyHash(), "SHA256");
            booted.add(new BootResult.BootedImage(i, s.name(), c.image.header().version(), c.securityCounter,
                    performed[i], m));
        }
        return new BootResult(booted, Optional.empty());
    }

    private BootResult fail(String why) {
        log.add("boot failed: " + why);
        return BootResult.failed(why);
    }

    private static boolean inProgress(SlotTrailer.State pri) {
        SwapType t = pri.swapType();
        return pri.magic() == SlotTrailer.Magic.GOOD && pri.copyDone() == SlotTrailer.Flag.UNSET
                && (t == SwapType.TEST || t == SwapType.PERM || t == SwapType.REVERT);
    }

    /** The swap decision table (rows II-IV; A3), candidate validation included. */
    private SwapType decide(FlashLayout.ImageSlots s) throws FlashException {
        SlotTrailer t = trailer(s);
        SlotTrailer.State pri = t.read(flash, s.primary());
        SlotTrailer.State sec = t.read(flash, s.secondary());
        SwapType type = SwapType.NONE;
        if (sec.magic() == SlotTrailer.Magic.GOOD) {
            type = sec.imageOk() == SlotTrailer.Flag.SET ? SwapType.PERM : SwapType.TEST;
        } else if (config.mode() != UpgradeMode.OVERWRITE_ONLY && pri.magic() == SlotTrailer.Magic.GOOD
                && pri.imageOk() == SlotTrailer.Flag.UNSET && pri.copyDone() == SlotTrailer.Flag.SET) {
            type = SwapType.REVERT;
        }
        if (type == SwapType.TEST || type == SwapType.PERM) {
            Optional<McubootImage> img = readImage(s.secondary());
            String failure = img.isEmpty() ? "no valid image header" : null;
            if (failure == null) {
                failure = validate(img.get(), true, s.index()).failure;
            }
            if (failure == null && config.downgradePrevention()) {
                Optional<McubootImage> current = readImage(s.primary());
                if (current.isPresent()
                        && img.get().header().version().compareTo(current.get().header().version()) < 0) {
                    failure = "version " + img.get().header().version() + " is older than the running "
                            + current.get().header().version();
                }
            }
            if (failure == null && img.get().size() > maxImageSize(s.index())) {
                failure = "image of " + img.get().size() + " bytes is larger than the " + maxImageSize(s.index())
                        + " bytes the slot allows";
            }
            if (failure != null) {
                log.add("image " + s.index() + ": secondary slot refused (" + failure + "), erasing it");
                for (int off = 0; off < s.secondary().size(); off += sector) {
                    flash.erase(s.secondary().offset() + off, sector);
                }
                if (pri.magic() == SlotTrailer.Magic.GOOD && pri.imageOk() == SlotTrailer.Flag.UNSET) {
                    t.writeImageOk(flash, s.primary());
                }
                return SwapType.NONE;
            }
        }
        return type;
    }

    private Optional<String> unmetDependency(int i, SwapType[] pending) throws FlashException {
        Optional<McubootImage> img = readImage(layout.image(i).secondary());
        if (img.isEmpty()) {
            return Optional.of("candidate unreadable");
        }
        List<Dependency> deps;
        try {
            deps = img.get().dependencies();
        } catch (ImageException e) {
            return Optional.of(e.getMessage());
        }
        for (Dependency d : deps) {
            if (d.imageId() >= layout.images().size()) {
                return Optional.of("dependency on unknown image " + d.imageId());
            }
            FlashLayout.ImageSlots other = layout.image(d.imageId());
            boolean upgrading = pending[d.imageId()] == SwapType.TEST || pending[d.imageId()] == SwapType.PERM;
            Optional<McubootImage> active = readImage(upgrading ? other.secondary() : other.primary());
            ImageVersion v = active.map(a -> a.header().version()).orElse(null);
            if (v == null || v.compareTo(d.minimumVersion()) < 0) {
                return Optional.of("image " + d.imageId() + " must be at least " + d.minimumVersion() + " (is "
                        + v + ")");
            }
        }
        return Optional.empty();
    }

    /** A validated image: plaintext image, verification result, counter; or the reason it failed. */
    private static final class Candidate {
        McubootImage image;
        VerificationResult result;
        long securityCounter;
        String failure;
    }

    private Candidate validate(McubootImage img, boolean secondary, int index) throws FlashException {
        Candidate c = new Candidate();
        McubootImage plain = img;
        if (secondary && img.header().encrypted()) {
            if (config.encryptionKey().isEmpty()) {
                c.failure = "image is encrypted but the bootloader has no decryption key";
                return c;
            }
            if (img.header().aesKeyLength() != config.aesKeyBytes()) {
                c.failure = "image uses AES-" + img.header().aesKeyLength() * 8 + ", the bootloader AES-"
                        + config.aesKeyBytes() * 8;
                return c;
            }
            try {
                plain = ImageEncryption.decrypt(img, config.encryptionKey().get());
            } catch (ImageException e) {
                c.failure = e.getMessage();
                return c;
            }
        }
        VerificationResult r = ImageVerifier.verify(plain, config.keys());
        if (!r.valid()) {
            c.failure = r.reason();
            return c;
        }
        long sc = 0;
        try {
            Optional<Long> cnt = plain.securityCounter();
            if (config.hwRollbackProtection()) {
                if (cnt.isEmpty()) {
                    c.failure = "image has no security counter";
                    return c;
                }
                sc = cnt.get();
                long stored = counters.read(index);
                if (sc < stored) {
                    c.failure = "security counter " + sc + " is below the stored " + stored;
                    return c;
                }
            } else {
                sc = cnt.orElse(0L);
            }
        } catch (ImageException e) {
            c.failure = e.getMessage();
            return c;
        }
        c.image = plain;
        c.result = r;
        c.securityCounter = sc;
        return c;
    }

    /** Parses the image in a slot (bytes below the trailer only); empty if there is none. */
    Optional<McubootImage> readImage(FlashArea slot) throws FlashException {
        FlashLayout.ImageSlots s = slotsOf(slot);
        byte[] data = flash.read(slot.offset(), dataSectors(s) * sector);
        try {
            return Optional.of(McubootImage.parse(data));
        } catch (ImageException e) {
            return Optional.empty();
        }
    }

    private FlashLayout.ImageSlots slotsOf(FlashArea slot) {
        for (FlashLayout.ImageSlots s : layout.images()) {
            if (s.primary().equals(slot) || s.secondary().equals(slot)) {
                return s;
            }
        }
        throw new IllegalArgumentException(slot + " is no slot of the layout");
    }

    private void eraseTrailer(FlashLayout.ImageSlots s, FlashArea slot) throws FlashException {
        int first = dataSectors(s) * sector;
        for (int off = first; off < slot.size(); off += sector) {
            if (!SlotTrailer.allErased(flash.read(slot.offset() + off, sector))) {
                flash.erase(slot.offset() + off, sector);
            }
        }
    }

    // ---------------------------------------------------------------- overwrite-only

    private void overwrite(FlashLayout.ImageSlots s) throws FlashException {
        McubootImage sec = readImage(s.secondary()).orElseThrow();
        ImageHeader h = sec.header();
        byte[] key = null;
        try {
            if (h.encrypted()) {
                key = ImageEncryption.unwrapKey(sec, config.encryptionKey().orElseThrow());
            }
            int k = (sec.size() + sector - 1) / sector;
            for (int off = 0; off < s.primary().size(); off += sector) {
                flash.erase(s.primary().offset() + off, sector);
            }
            for (int i = 0; i < k; i++) {
                copySector(s.secondary().offset() + i * sector, s.primary().offset() + i * sector, i,
                        key == null ? null : h, key);
            }
        } catch (ImageException e) {
            throw new IllegalStateException("validated image became unreadable: " + e.getMessage(), e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
        SlotTrailer t = trailer(s);
        t.writeMagic(flash, s.primary());
        t.writeImageOk(flash, s.primary());
        if (config.hwRollbackProtection()) {
            try {
                counters.raise(s.index(), McubootImage.parse(flash.read(s.primary().offset(),
                        dataSectors(s) * sector)).securityCounter().orElse(0L));
            } catch (ImageException e) {
                throw new IllegalStateException("copied image unreadable: " + e.getMessage(), e);
            }
        }
        flash.erase(s.secondary().offset(), sector);
        eraseTrailer(s, s.secondary());
        log.add("image " + s.index() + ": overwritten with version " + h.version());
    }

    // ---------------------------------------------------------------- swap-scratch / swap-move

    private void startSwap(FlashLayout.ImageSlots s, SwapType type) throws FlashException {
        SlotTrailer t = trailer(s);
        Optional<McubootImage> pri = readImage(s.primary());
        McubootImage sec = readImage(s.secondary()).orElseThrow();
        byte[] priKey = keyOf(pri.orElse(null));
        byte[] secKey = keyOf(sec);
        long swapSize = Math.max(pri.map(McubootImage::size).orElse(0), sec.size());
        if (type == SwapType.REVERT) {
            // Turn the old image in the secondary into a permanent request first: if power is lost while the
            // primary trailer is rebuilt, the next boot swaps it back permanently, which is the revert.
            eraseTrailer(s, s.secondary());
            t.writeImageOk(flash, s.secondary());
            t.writeMagic(flash, s.secondary());
        }
        eraseTrailer(s, s.primary());
        if (type != SwapType.TEST) {
            t.writeImageOk(flash, s.primary());
        }
        t.writeSwapSize(flash, s.primary(), swapSize);
        try {
            if (t.encKeySize() > 0) {
                if (priKey != null) {
                    t.writeEncKey(flash, s.primary(), 0, priKey);
                }
                if (secKey != null) {
                    t.writeEncKey(flash, s.primary(), 1, secKey);
                }
            }
        } finally {
            zero(priKey);
            zero(secKey);
        }
        t.writeSwapInfo(flash, s.primary(), type, s.index());
        t.writeMagic(flash, s.primary());
        log.add("image " + s.index() + ": starting " + type + " swap of " + swapSize + " bytes");
    }

    private byte[] keyOf(McubootImage img) {
        if (img == null || !img.header().encrypted() || config.encryptionKey().isEmpty()
                || img.header().aesKeyLength() != config.aesKeyBytes()) {
            return null;
        }
        try {
            return ImageEncryption.unwrapKey(img, config.encryptionKey().get());
        } catch (ImageException e) {
            return null;
        }
    }

    private static void zero(byte[] k) {
        if (k != null) {
            Arrays.fill(k, (byte) 0);
        }
    }

    private void runSwap(FlashLayout.ImageSlots s) throws FlashException {
        SlotTrailer t = trailer(s);
        SlotTrailer.State st = t.read(flash, s.primary());
        int k = (int) ((st.swapSize() + sector - 1) / sector);
        int limit = config.mode() == UpgradeMode.SWAP_MOVE ? dataSectors(s) - 1 : dataSectors(s);
        if (k <= 0 || k > limit || k > config.maxImageSectors()) {
            // A corrupt status: nothing sensible can be resumed; finish the trailer so the boot goes on and
            // validation decides what runs.
            log.add("image " + s.index() + ": swap status unusable (swap size " + st.swapSize() + ")");
            t.writeCopyDone(flash, s.primary());
            return;
        }
        byte[] priKey = t.encKeySize() > 0 ? t.readEncKey(flash, s.primary(), 0) : new byte[0];
        byte[] secKey = t.encKeySize() > 0 ? t.readEncKey(flash, s.primary(), 1) : new byte[0];
        try {
            if (config.mode() == UpgradeMode.SWAP_SCRATCH) {
                runScratch(s, t, k, priKey, secKey);
            } else {
                runMove(s, t, k, priKey, secKey);
            }
        } finally {
            zero(priKey);
            zero(secKey);
        }
        if (st.swapType() == SwapType.REVERT && st.imageOk() != SlotTrailer.Flag.SET) {
            t.writeImageOk(flash, s.primary());
        }
        t.writeCopyDone(flash, s.primary());
        log.add("image " + s.index() + ": " + st.swapType() + " swap complete");
    }

    private ImageHeader headerAt(int address) throws FlashException {
        try {
            ImageHeader h = ImageHeader.decode(flash.read(address, ImageHeader.SIZE));
            return h.magic() == ImageHeader.IMAGE_MAGIC ? h : null;
        } catch (ImageException e) {
            return null;
        }
    }

    private void runScratch(FlashLayout.ImageSlots s, SlotTrailer t, int k, byte[] priKey, byte[] secKey)
            throws FlashException {
        FlashArea pri = s.primary();
        FlashArea sec = s.secondary();
        int scratch = layout.scratch().orElseThrow().offset();
        if (!t.statusDone(flash, pri, 0, 1)) {
            eraseTrailer(s, sec);
        }
        int last = k - 1;
        boolean s1 = t.statusDone(flash, pri, last, 1);
        boolean s2 = t.statusDone(flash, pri, last, 2);
        ImageHeader secHdr = headerAt(s1 ? scratch : sec.offset());
        ImageHeader priHdr = headerAt(s2 ? sec.offset() : pri.offset());
        for (int j = 0; j < k; j++) {
            int i = k - 1 - j;
            if (!t.statusDone(flash, pri, j, 1)) {
                flash.erase(scratch, sector);
                copySector(sec.offset() + i * sector, scratch, i, null, null);
                t.writeStatus(flash, pri, j, 1);
            }
            if (!t.statusDone(flash, pri, j, 2)) {
                flash.erase(sec.offset() + i * sector, sector);
                copySector(pri.offset() + i * sector, sec.offset() + i * sector, i, priHdr, priKey);
                t.writeStatus(flash, pri, j, 2);
            }
            if (!t.statusDone(flash, pri, j, 3)) {
                flash.erase(pri.offset() + i * sector, sector);
                copySector(scratch, pri.offset() + i * sector, i, secHdr, secKey);
                t.writeStatus(flash, pri, j, 3);
            }
        }
    }

    private void runMove(FlashLayout.ImageSlots s, SlotTrailer t, int k, byte[] priKey, byte[] secKey)
            throws FlashException {
        FlashArea pri = s.primary();
        FlashArea sec = s.secondary();
        if (!t.statusDone(flash, pri, k - 1, 1)) {
            eraseTrailer(s, sec);
        }
        boolean m0 = t.statusDone(flash, pri, 0, 1);
        boolean w2 = t.statusDone(flash, pri, 0, 2);
        boolean w3 = t.statusDone(flash, pri, 0, 3);
        // Where the (plaintext) headers are while sector 0 is being moved and swapped.
        ImageHeader priHdr = headerAt(!m0 ? pri.offset() : !w3 ? pri.offset() + sector : sec.offset());
        ImageHeader secHdr = headerAt(!w2 ? sec.offset() : pri.offset());
        for (int i = k - 1; i >= 0; i--) {
            if (!t.statusDone(flash, pri, i, 1)) {
                flash.erase(pri.offset() + (i + 1) * sector, sector);
                copySector(pri.offset() + i * sector, pri.offset() + (i + 1) * sector, i, null, null);
                t.writeStatus(flash, pri, i, 1);
            }
        }
        for (int i = 0; i < k; i++) {
            if (!t.statusDone(flash, pri, i, 2)) {
                flash.erase(pri.offset() + i * sector, sector);
                copySector(sec.offset() + i * sector, pri.offset() + i * sector, i, secHdr, secKey);
                t.writeStatus(flash, pri, i, 2);
            }
            if (!t.statusDone(flash, pri, i, 3)) {
                flash.erase(sec.offset() + i * sector, sector);
                copySector(pri.offset() + (i + 1) * sector, sec.offset() + i * sector, i, priHdr, priKey);
                t.writeStatus(flash, pri, i, 3);
            }
        }
    }

    /**
     * Copies one sector; with a header and key, the bytes of that image's payload are AES-CTR processed
     * (decrypted into the primary, encrypted into the secondary) at their payload offsets.
     */
    private void copySector(int from, int to, int logicalSector, ImageHeader h, byte[] key) throws FlashException {
        byte[] data = flash.read(from, sector);
        if (h != null && key != null && key.length > 0) {
            long start = (long) logicalSector * sector;
            long pStart = Math.max(start, h.headerSize());
            long pEnd = Math.min(start + sector, h.headerSize() + h.imageSize());
            if (pStart < pEnd) {
                int off = (int) (pStart - start);
                int len = (int) (pEnd - pStart);
                byte[] part = ImageEncryption.aesCtr(key, pStart - h.headerSize(),
                        Arrays.copyOfRange(data, off, off + len));
                System.arraycopy(part, 0, data, off, len);
            }
        }
        flash.program(to, data);
    }
}
