package io.github.cai4j.attestation;

import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.attestation.internal.AttestationKey;
import io.github.cai4j.cose.CoseException;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.key.CoseKey;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;

/** Test tokens signed with an in-memory P-256 key, for verifier tests (claims crafted freely). */
final class TestTokens {
    final KeyPair keys;
    final byte[] point;

    private TestTokens(KeyPair keys) throws CoseException {
        this.keys = keys;
        this.point = CoseKey.fromPublicKey(keys.getPublic()).uncompressedPoint();
    }

    static TestTokens random() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return new TestTokens(g.generateKeyPair());
    }

    /** A fixed key (d = 0x1122…), so fuzz seeds made with it stay valid. */
    static TestTokens fixed() throws Exception {
        java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        java.security.spec.ECParameterSpec spec = params.getParameterSpec(java.security.spec.ECParameterSpec.class);
        BigInteger d = new BigInteger("1122334455667788991011121314151617181920212223242526272829303132", 16);
        KeyFactory kf = KeyFactory.getInstance("EC");
        ECPrivateKey priv = (ECPrivateKey) kf.generatePrivate(new ECPrivateKeySpec(d, spec));
        org.bouncycastle.math.ec.ECPoint q = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName("secp256r1").getG()
                .multiply(d).normalize();
        ECPublicKey pub = (ECPublicKey) kf.generatePublic(new ECPublicKeySpec(new java.security.spec.ECPoint(
                q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), spec));
        return new TestTokens(new KeyPair(pub, priv));
    }

    byte[] instanceId() {
        return AttestationKey.instanceIdOf(point);
    }

    /** Valid claims for this key in {@code profile}. */
    AttestationClaims.Builder claims(AttestationProfile profile, byte[] nonce) {
        return AttestationClaims.builder(profile)
                .clientId(-1)
                .lifecycle(0x3000)
                .implementationId(AttestationFixture.sha256("implementation"))
                .bootSeed(AttestationFixture.sha256("boot seed"))
                .certificationReference("0604565272829-10010")
                .softwareComponents(AttestationFixture.components("model"))
                .nonce(nonce)
                .instanceId(instanceId())
                .verificationService("www.trustedfirmware.org");
    }

    byte[] sign(CBORObject claims) throws CoseException {
        return sign(claims.EncodeToBytes());
    }

    byte[] sign(byte[] payload) throws CoseException {
        return FirmwareSign1.sign(payload, EcdsaSigner.of((ECPrivateKey) keys.getPrivate()));
    }

    AttestationVerifier verifier(AttestationProfile profile) throws AttestationException {
        return AttestationVerifier.builder(keys.getPublic()).profile(profile).build();
    }
}
