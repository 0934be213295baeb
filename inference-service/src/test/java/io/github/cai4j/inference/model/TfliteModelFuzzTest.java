package io.github.cai4j.inference.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cai4j.inference.engine.Interpreter;

/**
 * Arbitrary bytes as a {@code .tflite} file: reading and preparing may only fail with {@link ModelException}; a model
 * that prepares must also run. The arena limit is small so that a hostile model cannot make one run slow.
 */
class TfliteModelFuzzTest {
    private static final Interpreter.Options OPTIONS = Interpreter.Options.defaults().withMaxArenaBytes(16 * 1024);

    @FuzzTest
    void readAndRun(byte[] data) {
        try {
            TfliteModel model = TfliteModel.read(data);
            Interpreter it = Interpreter.create(model, OPTIONS);
            it.invoke();
        } catch (ModelException expected) {
            // the only failure a file may cause
        }
    }
}
