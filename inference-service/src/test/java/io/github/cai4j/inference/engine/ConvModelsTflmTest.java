package io.github.cai4j.inference.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cai4j.inference.testmodels.TflmTestData;
import io.github.cai4j.inference.model.TfliteModel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The convolution models of testdata/tflm-conv: every output of {@code *_oracle.csv} byte for byte and every
 * intermediate tensor hash of {@code *_tensors_sha256.csv}, for seeds 1..20 of the xorshift32 input rule.
 */
class ConvModelsTflmTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Fills every input tensor from the xorshift32 stream of the README (one step per element). */
    static void fillInputs(Interpreter it, int seed) {
        int x = seed;
        for (int k = 0; k < it.inputCount(); k++) {
            TensorView in = it.input(k);
            for (int i = 0; i < in.elementCount(); i++) {
                x ^= x << 13;
                x ^= x >>> 17;
                x ^= x << 5;
                switch (in.type()) {
                    case INT8:
                        in.setInt8(i, x & 0xFF);
                        break;
                    case INT16:
                        in.setInt16(i, x & 0xFFFF);
                        break;
                    case FLOAT32:
                        in.setFloat(i, (x >>> 8) * 0x1p-23f - 1.0f);
                        break;
                    default:
                        throw new IllegalStateException("input type " + in.type());
                }
            }
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"micro_speech_quantized", "test_conv_model", "seanet_conv0"})
    void outputsAndIntermediateTensorsMatchTheOracle(String name) throws Exception {
        TfliteModel model = TflmTestData.model("tflm-conv/" + name + ".tflite");
        Interpreter it = Interpreter.create(model, Interpreter.Options.defaults().withPreserveAllTensors(true));
        Interpreter reusing = Interpreter.create(model);
        Map<Integer, String> oracle = new HashMap<>();
        for (String[] row : TflmTestData.csv("tflm-conv/" + name + "_oracle.csv", 2)) {
            oracle.put(Integer.parseInt(row[0]), row[1]);
        }
        Map<Integer, String> inputHashes = new HashMap<>();
        for (String[] row : TflmTestData.csv("tflm-conv/" + name + "_inputs_sha256.csv", 2)) {
            inputHashes.put(Integer.parseInt(row[0]), row[1]);
        }
        List<String[]> tensorRows = TflmTestData.csv("tflm-conv/" + name + "_tensors_sha256.csv", 6);
        assertEquals(20, oracle.size());
        List<String> failures = new ArrayList<>();
        int outputs = 0;
        int hashes = 0;
        for (int seed = 1; seed <= 20; seed++) {
            fillInputs(it, seed);
            fillInputs(reusing, seed);
            assertEquals(inputHashes.get(seed), sha256(it.input(0).rawBytes()), "input of seed " + seed);
            it.invoke();
            reusing.invoke();
            String out = HEX.formatHex(it.output(0).rawBytes());
            if (!out.equals(oracle.get(seed))) {
                failures.add("seed " + seed + " output");
            }
            assertEquals(out, HEX.formatHex(reusing.output(0).rawBytes()), "arena reuse changes the output");
            outputs++;
            for (String[] row : tensorRows) {
                if (Integer.parseInt(row[0]) != seed) {
                    continue;
                }
                int index = Integer.parseInt(row[1]);
                TensorView t = it.tensor(index);
                if (t == null) {
                    failures.add("seed " + seed + " tensor " + index + " missing");
                    continue;
                }
                assertEquals(row[2], t.type().name(), "type of tensor " + index);
                assertEquals(Integer.parseInt(row[3]), t.byteSize(), "size of tensor " + index);
                if (!sha256(t.rawBytes()).equals(row[4])) {
                    failures.add("seed " + seed + " tensor " + index + " (" + row[5] + ")");
                }
                hashes++;
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(20, outputs);
        assertEquals(tensorRows.size(), hashes);
        assertTrue(hashes >= 40, "hashes checked: " + hashes);
        assertTrue(reusing.arenaBytes() <= it.arenaBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"micro_speech_quantized", "test_conv_model", "seanet_conv0", "person_detect"})
    void inputGeneratorReproducesTheInputHashes(String name) throws Exception {
        Interpreter it = Interpreter.create(TflmTestData.model("tflm-conv/" + name + ".tflite"));
        int ran = 0;
        for (String[] row : TflmTestData.csv("tflm-conv/" + name + "_inputs_sha256.csv", 2)) {
            fillInputs(it, Integer.parseInt(row[0]));
            assertEquals(row[1], sha256(it.input(0).rawBytes()), name + " seed " + row[0]);
            ran++;
        }
        assertEquals(20, ran);
    }

    @org.junit.jupiter.api.Test
    void seanetReproducesTheRepositoryGoldenOutput() throws Exception {
        Interpreter it = Interpreter.create(TflmTestData.model("tflm-conv/seanet_conv0.tflite"));
        it.input(0).setRawBytes(TflmTestData.bytes("tflm-conv/inputs/seanet_conv0_input0.bin"));
        it.invoke();
        String golden = new String(TflmTestData.bytes("tflm-conv/inputs/seanet_conv0_golden.hex"),
                java.nio.charset.StandardCharsets.US_ASCII).replaceAll("\\s", "");
        assertEquals(golden, HEX.formatHex(it.output(0).rawBytes()));
    }

    @org.junit.jupiter.api.Test
    void personDetectionRunsOnTheRealImages() throws Exception {
        Interpreter it = Interpreter.create(TflmTestData.model("tflm-conv/person_detect.tflite"));
        assertEquals(31, it.operatorCount());
        int ran = 0;
        for (String image : new String[] {"person_96x96.bin", "no_person_96x96.bin"}) {
            it.input(0).setRawBytes(TflmTestData.bytes("tflm-conv/inputs/" + image));
            it.invoke();
            TensorView out = it.output(0);
            // softmax over two classes: the probabilities add up to one within a quantization step
            float sum = out.getFloat(0) + out.getFloat(1);
            assertEquals(1.0f, sum, 2f / 256, image);
            // index 1 = person, index 0 = no person
            boolean person = out.getInt8(1) > out.getInt8(0);
            assertEquals(image.startsWith("person"), person, image);
            ran++;
        }
        assertEquals(2, ran);
    }
}
