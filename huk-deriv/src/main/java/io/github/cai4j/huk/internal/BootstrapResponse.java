package io.github.cai4j.huk.internal;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;

/** Decoding of the bootstrap server's CSR response ({@code decode_csr_response} of {@code src/bootstrap.c}). */
public final class BootstrapResponse {
    /** Larger responses are refused before decoding (the firmware's receive buffer is 1025 bytes). */
    public static final int MAX_SIZE = 4096;

    private static final CBOREncodeOptions STRICT = new CBOREncodeOptions("allowduplicatekeys=false");

    private BootstrapResponse() {
    }

    /**
     * The certificate of {@code {1: status uint, 2: cert bstr}}; the status value is not interpreted, further
     * entries are ignored.
     */
    public static byte[] certificate(byte[] response) throws PsaException {
        if (response == null || response.length == 0 || response.length > MAX_SIZE) {
            throw invalid("response must be 1.." + MAX_SIZE + " bytes");
        }
        CBORObject map;
        try {
            map = CBORObject.DecodeFromBytes(response, STRICT);
        } catch (CBORException | IllegalArgumentException e) {
            throw invalid("response is not well-formed CBOR");
        }
        if (map.getType() != CBORType.Map) {
            throw invalid("response is not a map");
        }
        CBORObject status = map.get(CBORObject.FromObject(1));
        CBORObject cert = map.get(CBORObject.FromObject(2));
        if (status == null || status.getType() != CBORType.Integer || status.isTagged() || status.AsNumber().IsNegative()
                || !status.AsNumber().CanFitInInt64() || status.AsInt64Value() > 0xffff_ffffL) {
            throw invalid("response has no uint32 status (key 1)");
        }
        if (cert == null || cert.getType() != CBORType.ByteString || cert.isTagged()) {
            throw invalid("response has no certificate byte string (key 2)");
        }
        byte[] der = cert.GetByteString();
        if (der.length == 0) {
            throw invalid("response certificate (key 2) is empty");
        }
        return der;
    }

    private static PsaException invalid(String why) {
        return new PsaException(PsaStatus.ERROR_INVALID_ARGUMENT, "bootstrap CSR response: " + why);
    }
}
