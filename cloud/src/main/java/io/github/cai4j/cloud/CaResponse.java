package io.github.cai4j.cloud;

import com.upokecenter.cbor.CBORObject;
import java.util.Objects;
import java.util.Optional;

/**
 * The bootstrap CA's answer to a certificate request: {@code {1: status, 2: cert}} (field 2 only on success).
 *
 * @param status what happened
 * @param detail why a request was refused (empty on success)
 * @param issued the certificate on success
 */
public record CaResponse(CaStatus status, String detail, Optional<IssuedCertificate> issued) {
    public CaResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(issued, "issued");
    }

    static CaResponse refused(CaStatus status, String detail) {
        return new CaResponse(status, detail, Optional.empty());
    }

    /** The CBOR body: {@code {1: status}} or {@code {1: 0, 2: cert DER}}. */
    public byte[] cbor() {
        CBORObject m = CBORObject.NewMap();
        m.Add(1, status.code());
        issued.ifPresent(c -> m.Add(2, c.der()));
        return m.EncodeToBytes();
    }
}
