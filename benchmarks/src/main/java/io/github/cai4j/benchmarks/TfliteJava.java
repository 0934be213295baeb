package io.github.cai4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tensorflow.lite.Interpreter;

/**
 * The peer for inference: TensorFlow Lite Java 2.6.2 (DJL's glibc build of {@code libtensorflowlite_jni.so}).
 * DJL's {@code TensorFlowLite.init()} never loads the library itself, so it is extracted from the class path and
 * loaded with {@link System#load} once per JVM.
 */
final class TfliteJava {
    private static final String LIBRARY = "/native/lib/libtensorflowlite_jni.so";
    private static boolean loaded;

    private TfliteJava() {
    }

    static synchronized void load() {
        if (loaded) {
            return;
        }
        try (InputStream in = TfliteJava.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY + " is not on the class path (tflite-native-cpu linux-x86_64)");
            }
            Path dir = Files.createTempDirectory("cai4j-tflite");
            Path lib = dir.resolve("libtensorflowlite_jni.so");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            System.load(lib.toAbsolutePath().toString());
            lib.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the TensorFlow Lite native library", e);
        }
        loaded = true;
    }

    /** An interpreter on one thread (the cai4j engine is single-threaded too), XNNPACK as configured. */
    static Interpreter interpreter(byte[] model, boolean xnnpack) {
        load();
        ByteBuffer buffer = ByteBuffer.allocateDirect(model.length).order(ByteOrder.nativeOrder());
        buffer.put(model).rewind();
        return new Interpreter(buffer, new Interpreter.Options().setNumThreads(1).setUseXNNPACK(xnnpack));
    }

    static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
