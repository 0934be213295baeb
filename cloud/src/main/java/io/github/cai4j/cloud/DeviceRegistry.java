package io.github.cai4j.cloud;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.cloud.internal.Pki;
import io.github.cai4j.huk.DeviceKey;
import io.github.cai4j.huk.DevicePublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The devices the bootstrap CA has certified: for each UUID the certificates of its keys (the newest per key is the
 * current one), their public keys and whether the device was revoked. Persisted as CBOR in the CA directory
 * ({@code registry.cbor}: an array of {@code {1: certificate DER, 2: revoked}}), rewritten atomically on every
 * change. Thread-safe.
 */
public final class DeviceRegistry {
    /** The file name inside the CA directory. */
    public static final String FILE_NAME = "registry.cbor";

    private final Path file;
    private byte[] loadedStamp = new byte[0];
    private final List<IssuedCertificate> issued = new ArrayList<>();
    private final Set<BigInteger> serials = new HashSet<>();
    private final Set<String> revoked = new HashSet<>();

    private DeviceRegistry(Path file) {
        this.file = file;
    }

    /** Loads the registry of a CA directory (empty when the file does not exist yet). */
    public static DeviceRegistry load(Path directory) throws CloudException {
        DeviceRegistry r = new DeviceRegistry(directory.resolve(FILE_NAME));
        r.loadedStamp = stamp(r.file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(r.file);
        } catch (NoSuchFileException e) {
            return r;
        } catch (IOException e) {
            throw new CloudException("cannot read " + r.file + ": " + e.getMessage(), e);
        }
        CBORObject root;
        try {
            root = CBORObject.DecodeFromBytes(bytes);
        } catch (CBORException e) {
            throw new CloudException(r.file + ": malformed CBOR: " + e.getMessage(), e);
        }
        if (root.getType() != CBORType.Array) {
            throw new CloudException(r.file + ": expected a CBOR array");
        }
        for (int i = 0; i < root.size(); i++) {
            CBORObject e = root.get(i);
            CBORObject der = e.getType() == CBORType.Map ? e.get(1) : null;
            CBORObject rev = e.getType() == CBORType.Map ? e.get(2) : null;
            if (der == null || der.getType() != CBORType.ByteString || rev == null
                    || rev.getType() != CBORType.Boolean) {
                throw new CloudException(r.file + ": entry " + i + " is not {1: certificate, 2: revoked}");
            }
            IssuedCertificate c = IssuedCertificate.fromDer(der.GetByteString());
            r.issued.add(c);
            r.serials.add(c.serial());
            if (rev.AsBoolean()) {
                r.revoked.add(c.uuid());
            }
        }
        return r;
    }

    /** The SHA-256 of the file's content (empty when it cannot be read). */
    private static byte[] stamp(Path f) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return new byte[0];
        }
    }

    /**
     * Re-reads the file if another process (a CA running elsewhere on the same directory) changed it since it was
     * read; returns whether it did.
     */
    public synchronized boolean refreshIfChanged() throws CloudException {
        byte[] now = stamp(file);
        if (java.security.MessageDigest.isEqual(now, loadedStamp)) {
            return false;
        }
        DeviceRegistry fresh = load(file.getParent());
        issued.clear();
        issued.addAll(fresh.issued);
        serials.addAll(fresh.serials);
        revoked.clear();
        revoked.addAll(fresh.revoked);
        loadedStamp = fresh.loadedStamp;
        return true;
    }

    synchronized boolean serialInUse(BigInteger serial) {
        return serials.contains(serial);
    }

    synchronized void reserveSerial(BigInteger serial) {
        serials.add(serial);
    }

    synchronized void add(IssuedCertificate c) throws CloudException {
        issued.add(c);
        serials.add(c.serial());
        save();
    }

    private void save() throws CloudException {
        CBORObject root = CBORObject.NewArray();
        for (IssuedCertificate c : issued) {
            CBORObject e = CBORObject.NewMap();
            e.Add(1, c.der());
            e.Add(2, revoked.contains(c.uuid()));
            root.Add(e);
        }
        Pki.writeAtomically(file, root.EncodeToBytes(), false);
        loadedStamp = stamp(file);
    }

    /** Every UUID with at least one certificate, sorted. */
    public synchronized List<String> devices() {
        List<String> out = new ArrayList<>(new TreeMap<>(currentByDevice()).keySet());
        return Collections.unmodifiableList(out);
    }

    /** Every certificate issued, oldest first. */
    public synchronized List<IssuedCertificate> all() {
        return List.copyOf(issued);
    }

    /** How many certificates were issued. */
    public synchronized int size() {
        return issued.size();
    }

    /** The current (newest) certificate of a device key. */
    public synchronized Optional<IssuedCertificate> certificate(String uuid, DeviceKey key) {
        for (int i = issued.size() - 1; i >= 0; i--) {
            IssuedCertificate c = issued.get(i);
            if (c.uuid().equals(uuid) && c.key() == key) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The certified public key of a device key (for 0x5002: what its COSE_Sign1 results verify with). */
    public Optional<DevicePublicKey> publicKey(String uuid, DeviceKey key) {
        return certificate(uuid, key).map(IssuedCertificate::publicKey);
    }

    /** The certificate with this serial number. */
    public synchronized Optional<IssuedCertificate> bySerial(BigInteger serial) {
        for (IssuedCertificate c : issued) {
            if (c.serial().equals(serial)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The device a TLS peer certificate belongs to: its UUID when the CA issued exactly this certificate and the device
     * is not revoked.
     */
    public synchronized Optional<String> deviceOf(X509Certificate peer) {
        byte[] der;
        try {
            der = peer.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            return Optional.empty();
        }
        for (IssuedCertificate c : issued) {
            if (c.sameCertificate(der)) {
                return revoked.contains(c.uuid()) ? Optional.empty() : Optional.of(c.uuid());
            }
        }
        return Optional.empty();
    }

    public synchronized boolean isRevoked(String uuid) {
        return revoked.contains(uuid);
    }

    /** Revokes a device: its certificates go on the CA's CRL, and it gets no new ones. */
    public synchronized void revoke(String uuid) throws CloudException {
        if (revoked.add(uuid)) {
            save();
        }
    }

    /** Serial numbers of every revoked certificate. */
    public synchronized List<BigInteger> revokedSerials() {
        List<BigInteger> out = new ArrayList<>();
        for (IssuedCertificate c : issued) {
            if (revoked.contains(c.uuid())) {
                out.add(c.serial());
            }
        }
        return out;
    }

    private Map<String, List<IssuedCertificate>> currentByDevice() {
        Map<String, List<IssuedCertificate>> m = new LinkedHashMap<>();
        for (IssuedCertificate c : issued) {
            m.computeIfAbsent(c.uuid(), k -> new ArrayList<>()).add(c);
        }
        return m;
    }

    @Override
    public synchronized String toString() {
        return "DeviceRegistry[" + currentByDevice().size() + " devices, " + issued.size() + " certificates]";
    }
}
