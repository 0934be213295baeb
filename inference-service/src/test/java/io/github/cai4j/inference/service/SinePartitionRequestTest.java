package io.github.cai4j.inference.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.tooling.SineModels;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import io.github.cai4j.psa.spm.SecurePartition;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request rules of both inference partitions ({@code spec/firmware.md} §3.1, §3.2) on a real call gate with a
 * fake HUK partition: sizes, model names, range, HUK statuses, version services.
 */
class SinePartitionRequestTest {

    /** One partition under test and what distinguishes it. */
    record Kind(String label, SineModel model, int versionSid, int modelVersionSid, String version,
                boolean rangeChecked, PartitionFactory factory) {
        @Override
        public String toString() {
            return label;
        }
    }

    @FunctionalInterface
    interface PartitionFactory {
        SecurePartition create() throws Exception;
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("tflm", SineModel.TFLM_SINE, InferenceServices.TFLM_VERSION_INFO_SID,
                        InferenceServices.TFLM_MODEL_VERSION_INFO_SID, InferenceServices.TFLM_VERSION, true,
                        TflmSinePartition::new),
                new Kind("utvm", SineModel.UTVM_SINE, InferenceServices.UTVM_VERSION_INFO_SID,
                        InferenceServices.UTVM_MODEL_VERSION_INFO_SID, InferenceServices.UTVM_VERSION, false,
                        UtvmSinePartition::new));
    }

    private static byte[] f32(float x) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(x).array();
    }

    private static byte[] config(int format, byte[] model) {
        return ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN).putInt(format).put(model).array();
    }

    private static byte[] name(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One NS call with explicit vectors; returns the status. */
    private static int call(PsaClient ns, int sid, byte[][] in, int... outCapacities) throws PsaException {
        int h = ns.connect(sid, 1);
        assertTrue(h > 0, "connect");
        InVec[] ins = new InVec[in.length];
        for (int i = 0; i < in.length; i++) {
            ins[i] = InVec.of(in[i]);
        }
        OutVec[] outs = new OutVec[outCapacities.length];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = OutVec.allocate(outCapacities[i]);
        }
        CallResult r = ns.call(h, ins, outs);
        // the gate drops a connection whose call replied PROGRAMMER_ERROR
        if (r.status() != PsaStatus.ERROR_PROGRAMMER_ERROR.value()) {
            ns.close(h);
        }
        return r.status();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void successfulInferenceIsEncodedByTheHukPartitionAndDecodedByTheClient(Kind k) throws Exception {
        SecurePartition p = k.factory().create();
        InferenceGate g = new InferenceGate(p);
        InferenceClient client = new InferenceClient(g.ns());
        InferenceResult cbor = client.inferDegrees(k.model(), EncodingFormat.CBOR, 90.0f);
        InferenceResult sign1 = client.inferDegrees(k.model(), EncodingFormat.COSE_SIGN1, 90.0f);
        assertEquals(2, g.huk.requests().size());
        FakeHukPartition.Request req = g.huk.requests().get(0);
        assertEquals(p.manifest().partitionId(), req.clientId(), "the HUK service sees the partition as caller");
        assertEquals(Float.floatToIntBits(req.value()), Float.floatToIntBits(cbor.value()));
        assertEquals(Float.floatToIntBits(req.value()), Float.floatToIntBits(sign1.value()));
        assertArrayEquals(FakeHukPartition.payload(req.value()), cbor.encoded());
        assertArrayEquals(FakeHukPartition.sign1(FakeHukPartition.payload(req.value())), sign1.encoded());
        assertEquals(EncodingFormat.COSE_SIGN1.value(), g.huk.requests().get(1).format());
        assertTrue(Math.abs(cbor.value() - 1.0) < 0.06, "sin(90 deg) ~ 1, got " + cbor.value());
        String src = k.model() == SineModel.TFLM_SINE ? "[TFLM SERVICE] " : "[UTVM SERVICE] ";
        assertTrue(g.log.contains(src + "Starting secure inferencing"));
        assertTrue(g.log.contains(src + "Starting CBOR/COSE encoding"));
        assertTrue(g.log.contains(src + (k.model() == SineModel.TFLM_SINE ? "TFLM" : "UTVM")
                + " initalisation completed"));
        assertFalse(g.gate.isHalted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyFirmwareStatusOfTheInferenceService(Kind k) throws Exception {
        InferenceGate g = new InferenceGate(k.factory().create());
        PsaClient ns = g.ns();
        int sid = k.model().sid();
        byte[] good = name(k.model().modelName());
        byte[] ok = config(0, good);
        int prog = PsaStatus.ERROR_PROGRAMMER_ERROR.value();
        int notSupported = PsaStatus.ERROR_NOT_SUPPORTED.value();
        List<String> failures = new ArrayList<>();
        int[] ran = {0};
        class Case {
            void expect(String what, int status, byte[][] in, int... out) throws PsaException {
                ran[0]++;
                int got = call(ns, sid, in, out);
                if (got != status) {
                    failures.add(what + ": expected " + status + ", got " + got);
                }
            }
        }
        Case c = new Case();
        c.expect("valid", 0, new byte[][] {f32(1.0f), ok}, 256, 4);
        // config size: exactly 36 bytes
        c.expect("config 35", prog, new byte[][] {f32(1.0f), new byte[35]}, 256, 4);
        c.expect("config 37", prog, new byte[][] {f32(1.0f), new byte[37]}, 256, 4);
        c.expect("no config", prog, new byte[][] {f32(1.0f)}, 256, 4);
        c.expect("no inputs", prog, new byte[0][], 256, 4);
        // input: exactly one float
        c.expect("input 3", prog, new byte[][] {new byte[3], ok}, 256, 4);
        c.expect("input 5", prog, new byte[][] {new byte[5], ok}, 256, 4);
        c.expect("input 0", prog, new byte[][] {new byte[0], ok}, 256, 4);
        // model name: strcmp semantics on char[32]
        byte[] trailing = new byte[32];
        System.arraycopy(good, 0, trailing, 0, good.length);
        trailing[good.length + 1] = 'X';
        c.expect("garbage after the NUL", 0, new byte[][] {f32(1.0f), config(0, trailing)}, 256, 4);
        byte[] noNul = new byte[32];
        java.util.Arrays.fill(noNul, (byte) 'A');
        System.arraycopy(good, 0, noNul, 0, good.length);
        c.expect("no NUL", notSupported, new byte[][] {f32(1.0f), config(0, noNul)}, 256, 4);
        String other = k.model() == SineModel.TFLM_SINE ? InferenceServices.UTVM_MODEL_NAME
                : InferenceServices.TFLM_MODEL_NAME;
        c.expect("other service's model", notSupported, new byte[][] {f32(1.0f), config(0, name(other))}, 256, 4);
        String n = k.model().modelName();
        c.expect("prefix", notSupported, new byte[][] {f32(1.0f), config(0, name(n.substring(0, 14)))}, 256, 4);
        c.expect("longer", notSupported, new byte[][] {f32(1.0f), config(0, name(n + "2"))}, 256, 4);
        c.expect("lower case", notSupported,
                new byte[][] {f32(1.0f), config(0, name(n.toLowerCase(java.util.Locale.ROOT)))}, 256, 4);
        c.expect("empty name", notSupported, new byte[][] {f32(1.0f), config(0, new byte[0])}, 256, 4);
        // range: only the TFLM service checks 0 <= x <= 2*3.14159265359f; NaN passes as in C
        int range = k.rangeChecked() ? prog : 0;
        c.expect("x = 0", 0, new byte[][] {f32(0.0f), ok}, 256, 4);
        c.expect("x = -0", 0, new byte[][] {f32(-0.0f), ok}, 256, 4);
        c.expect("x = kXrange", 0, new byte[][] {f32(InferenceServices.X_RANGE), ok}, 256, 4);
        c.expect("x = NaN", 0, new byte[][] {f32(Float.NaN), ok}, 256, 4);
        c.expect("x just above kXrange", range,
                new byte[][] {f32(Math.nextUp(InferenceServices.X_RANGE)), ok}, 256, 4);
        c.expect("x = -min", range, new byte[][] {f32(-Float.MIN_VALUE), ok}, 256, 4);
        c.expect("x = -1", range, new byte[][] {f32(-1.0f), ok}, 256, 4);
        c.expect("x = 100", range, new byte[][] {f32(100.0f), ok}, 256, 4);
        c.expect("x = +inf", range, new byte[][] {f32(Float.POSITIVE_INFINITY), ok}, 256, 4);
        c.expect("x = -inf", range, new byte[][] {f32(Float.NEGATIVE_INFINITY), ok}, 256, 4);
        // the HUK service's statuses come back unchanged
        c.expect("ENCRYPT0", notSupported, new byte[][] {f32(1.0f), config(2, good)}, 256, 4);
        c.expect("NONE", PsaStatus.ERROR_INVALID_ARGUMENT.value(), new byte[][] {f32(1.0f), config(3, good)}, 256, 4);
        c.expect("format -1", PsaStatus.ERROR_INVALID_ARGUMENT.value(),
                new byte[][] {f32(1.0f), config(-1, good)}, 256, 4);
        c.expect("out[0] too small for SIGN1", PsaStatus.ERROR_BUFFER_TOO_SMALL.value(),
                new byte[][] {f32(1.0f), config(1, good)}, 60, 4);
        c.expect("no outputs", PsaStatus.ERROR_BUFFER_TOO_SMALL.value(), new byte[][] {f32(1.0f), ok});
        // the length output must hold a size_t
        c.expect("out[1] 3 bytes", prog, new byte[][] {f32(1.0f), ok}, 256, 3);
        c.expect("out[1] missing", prog, new byte[][] {f32(1.0f), ok}, 256);
        c.expect("exact out[0]", 0, new byte[][] {f32(1.0f), ok}, 11, 4);
        assertEquals(33, ran[0]);
        assertEquals(List.of(), failures);
        assertFalse(g.gate.isHalted(), "no request may panic the device");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void versionServicesAndTheirBufferRules(Kind k) throws Exception {
        SecurePartition p = k.factory().create();
        InferenceGate g = new InferenceGate(p);
        // the version services are secure-only
        assertEquals(PsaStatus.ERROR_CONNECTION_REFUSED.value(), g.ns().connect(k.versionSid(), 1));
        assertEquals(PsaStatus.ERROR_CONNECTION_REFUSED.value(), g.ns().connect(k.modelVersionSid(), 1));

        // through the gate from a secure partition
        PsaClient secure = g.probe.client();
        byte[] out = new byte[42];
        int h = secure.connect(k.versionSid(), 1);
        CallResult r = secure.call(h, new InVec[0], new OutVec[] {OutVec.of(out)});
        secure.close(h);
        assertEquals(0, r.status());
        assertEquals(k.version(), new String(out, 0, r.outLength(0), StandardCharsets.US_ASCII));

        byte[] modelVersion = new byte[42];
        h = secure.connect(k.modelVersionSid(), 1);
        r = secure.call(h, new InVec[] {InVec.of(name(k.model().modelName() + "\0"))},
                new OutVec[] {OutVec.of(modelVersion)});
        secure.close(h);
        assertEquals(0, r.status());
        String md5 = new String(modelVersion, 0, r.outLength(0), StandardCharsets.US_ASCII);
        byte[] shipped = k.model() == SineModel.TFLM_SINE ? SineModels.shippedInt8() : SineModels.shippedFloat();
        assertEquals(InferenceServices.modelVersion(shipped), md5);
        assertTrue(md5.matches("[0-9a-f]{32}"));

        // the size rules, on the handler directly (a secure caller's PROGRAMMER_ERROR would panic the gate)
        int prog = PsaStatus.ERROR_PROGRAMMER_ERROR.value();
        int[] ran = {0};
        List<String> failures = new ArrayList<>();
        class Case {
            void expect(String what, int status, int sid, byte[][] in, int... out) {
                ran[0]++;
                TestMessage m = new TestMessage(sid, in, out);
                int got;
                try {
                    got = p.handle(m);
                } catch (PsaException e) {
                    got = e.statusValue();
                }
                if (got != status) {
                    failures.add(what + ": expected " + status + ", got " + got);
                }
                if (got == 0 && sid == k.versionSid() && !k.version().equals(new String(m.output(0),
                        StandardCharsets.US_ASCII))) {
                    failures.add(what + ": wrong version string");
                }
                if (got == 0 && sid == k.modelVersionSid() && !md5.equals(new String(m.output(0),
                        StandardCharsets.US_ASCII))) {
                    failures.add(what + ": wrong model version");
                }
            }
        }
        Case c = new Case();
        int v = k.versionSid();
        int mv = k.modelVersionSid();
        byte[] nm = name(k.model().modelName());
        c.expect("version 42", 0, v, new byte[0][], 42);
        c.expect("version 41", prog, v, new byte[0][], 41);
        c.expect("version 43", prog, v, new byte[0][], 43);
        c.expect("version 256", prog, v, new byte[0][], 256);
        c.expect("version no out", prog, v, new byte[0][]);
        c.expect("model version", 0, mv, new byte[][] {nm}, 42);
        c.expect("model version with NUL", 0, mv, new byte[][] {name(k.model().modelName() + "\0junk")}, 42);
        byte[] full = new byte[42];
        System.arraycopy(nm, 0, full, 0, nm.length);
        c.expect("model version 42-byte name", 0, mv, new byte[][] {full}, 42);
        c.expect("model version 43-byte name", prog, mv, new byte[][] {new byte[43]}, 42);
        c.expect("model version out 41", prog, mv, new byte[][] {nm}, 41);
        c.expect("model version out 43", prog, mv, new byte[][] {nm}, 43);
        c.expect("model version no out", prog, mv, new byte[][] {nm});
        c.expect("model version wrong name", PsaStatus.ERROR_NOT_SUPPORTED.value(), mv,
                new byte[][] {name("SINE")}, 42);
        c.expect("model version no name", PsaStatus.ERROR_NOT_SUPPORTED.value(), mv, new byte[0][], 42);
        byte[] noNul = new byte[42];
        java.util.Arrays.fill(noNul, (byte) 'Z');
        System.arraycopy(nm, 0, noNul, 0, nm.length);
        c.expect("model version without NUL", PsaStatus.ERROR_NOT_SUPPORTED.value(), mv, new byte[][] {noNul}, 42);
        assertEquals(15, ran[0]);
        assertEquals(List.of(), failures);
        PsaException unknown = assertThrows(PsaException.class,
                () -> p.handle(new TestMessage(0x4c69_0999, new byte[0][], 42)));
        assertTrue(unknown.is(PsaStatus.ERROR_PROGRAMMER_ERROR));
        assertFalse(g.gate.isHalted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void manifestDeclaresTheFirmwareIdsAndTheHukDependency(Kind k) throws Exception {
        SecurePartition p = k.factory().create();
        var m = p.manifest();
        assertEquals(k.model() == SineModel.TFLM_SINE ? 0x4c690200 : 0x4c690300, m.partitionId());
        assertEquals(java.util.Set.of(0x4c690103), m.dependencies());
        assertEquals(3, m.services().size());
        assertTrue(m.services().stream().anyMatch(s -> s.sid() == k.model().sid() && s.nonSecureClients()));
        assertTrue(m.services().stream().anyMatch(s -> s.sid() == k.versionSid() && !s.nonSecureClients()));
        assertTrue(m.services().stream().anyMatch(s -> s.sid() == k.modelVersionSid() && !s.nonSecureClients()));
    }
}
