package io.github.cai4j.benchmarks;

import COSE.AlgorithmID;
import COSE.Attribute;
import COSE.HeaderKeys;
import COSE.MessageTag;
import COSE.OneKey;
import com.upokecenter.cbor.CBORObject;
import io.github.cai4j.cose.EcdsaSigner;
import io.github.cai4j.cose.EcdsaVerifier;
import io.github.cai4j.cose.Sign1Message;
import io.github.cai4j.cose.firmware.FirmwarePayload;
import io.github.cai4j.cose.firmware.FirmwareSign1;
import io.github.cai4j.cose.key.CoseKey;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * COSE_Sign1 ES256 of the firmware's 31-byte payload (value and both NV counters) with one P-256 key: cai4j
 * (the firmware layout, BouncyCastle lightweight ECDSA on {@code CustomNamedCurves}), COSE-JAVA 1.1.0 with
 * BouncyCastle first in the provider list, and raw BouncyCastle ECDSA over SHA-256 of the same Sig_structure
 * (the floor). Verification reuses each library's public key object, as a cloud verifier keeps one per device.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Sign1Benchmark {
    static final int PAYLOAD_LENGTH = 31;

    private byte[] payload;
    private byte[] toBeSigned;
    private EcdsaSigner cai4jSigner;
    private EcdsaVerifier cai4jVerifier;
    private byte[] cai4jMessage;
    private OneKey theirKey;
    private OneKey theirPublicKey;
    private byte[] theirMessage;
    private ECDSASigner bcSigner;
    private ECDSASigner bcVerifier;
    private BigInteger r;
    private BigInteger s;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        payload = FirmwarePayload.encodeCbor(0.84147096f, 0, 12345);
        if (payload.length != PAYLOAD_LENGTH) {
            throw new IllegalStateException("firmware payload is " + payload.length + " bytes, expected 31");
        }
        toBeSigned = FirmwareSign1.toBeSigned(payload);

        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        // COSE-JAVA signs through the JCA: BouncyCastle first, as its documentation and cose.md section 1 measure it
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.insertProviderAt(new BouncyCastleProvider(), 1);
        }
        CoseKey key = CoseKey.fromKeyPair(pair);
        cai4jSigner = EcdsaSigner.of(key);
        cai4jVerifier = EcdsaVerifier.of(key.publicOnly());
        cai4jMessage = FirmwareSign1.sign(payload, cai4jSigner);

        theirKey = new OneKey(CBORObject.DecodeFromBytes(key.encode()));
        theirPublicKey = new OneKey(CBORObject.DecodeFromBytes(key.publicOnly().encode()));
        theirMessage = coseJavaSign();

        X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
        ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        bcSigner = new ECDSASigner();
        bcSigner.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(priv.getS(), domain),
                new SecureRandom()));
        bcVerifier = new ECDSASigner();
        bcVerifier.init(false, new ECPublicKeyParameters(domain.getCurve().createPoint(pub.getW().getAffineX(),
                pub.getW().getAffineY()), domain));
        BigInteger[] rs = bcSigner.generateSignature(sha256(toBeSigned));
        r = rs[0];
        s = rs[1];

        if (!cai4jVerify() || !coseJavaVerify() || !bcVerify()) {
            throw new IllegalStateException("a signature made in setup does not verify");
        }
        Sign1Message theirs = Sign1Message.decode(theirMessage);
        if (!theirs.verify(cai4jVerifier) || !Arrays.equals(theirs.payload().orElseThrow(), payload)) {
            throw new IllegalStateException("COSE-JAVA's message does not verify with cai4j");
        }
    }

    static byte[] sha256(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] cai4jSign() throws Exception {
        return FirmwareSign1.sign(payload, cai4jSigner);
    }

    @Benchmark
    public byte[] coseJavaSign() throws Exception {
        COSE.Sign1Message m = new COSE.Sign1Message();
        m.addAttribute(HeaderKeys.Algorithm, AlgorithmID.ECDSA_256.AsCBOR(), Attribute.PROTECTED);
        m.SetContent(payload);
        m.sign(theirKey);
        return m.EncodeToBytes();
    }

    @Benchmark
    public BigInteger[] bcSign() {
        return bcSigner.generateSignature(sha256(toBeSigned));
    }

    @Benchmark
    public boolean cai4jVerify() throws Exception {
        return Sign1Message.decode(cai4jMessage).verify(cai4jVerifier);
    }

    @Benchmark
    public boolean coseJavaVerify() throws Exception {
        COSE.Sign1Message m = (COSE.Sign1Message) COSE.Message.DecodeFromBytes(theirMessage, MessageTag.Sign1);
        return m.validate(theirPublicKey);
    }

    @Benchmark
    public boolean bcVerify() {
        return bcVerifier.verifySignature(sha256(toBeSigned), r, s);
    }
}
