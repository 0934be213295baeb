package io.github.cai4j.device.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test a booted simulated device. Put it on a test class (or a method) and declare a
 * parameter of type {@link DeviceUnderTest}, {@link io.github.cai4j.device.Device},
 * {@link io.github.cai4j.device.NonSecureWorld} or one of the non-secure clients
 * ({@link io.github.cai4j.inference.service.InferenceClient}, {@link io.github.cai4j.huk.HukDerivClient},
 * {@link io.github.cai4j.storage.ProtectedStorage}, {@link io.github.cai4j.crypto.CryptoClient}).
 *
 * <pre>{@code
 * @SimulatedDevice(tfm = "1.6")
 * class MyFirmwareLogicTest {
 *     @Test
 *     void countersSurviveAPowerCut(DeviceUnderTest dut) throws Exception {
 *         dut.nonSecure().inference().inferDegrees(SineModel.TFLM_SINE, EncodingFormat.COSE_SIGN1, 10);
 *         dut.powerCutAndReboot();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh device (in-memory flash) unless {@link #shared()} is set on the class, in which
 * case the tests of the class share one; the device is closed after its scope.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SimulatedDeviceExtension.class)
public @interface SimulatedDevice {
    /** The TF-M generation: {@code "1.6"} or {@code "1.7"}. */
    String tfm() default "1.7";

    /** The HUK as 64 hex digits; empty for TF-M's dummy HUK. */
    String huk() default "";

    /** The HUK partition id. */
    int hukPartitionId() default 0x4c690100;

    /** {@code HUK_DERIV_LABEL_EXTRA}. */
    String labelExtra() default "";

    /** NV counter mode: {@code "safe"} or {@code "firmware"}. */
    String nvCounter() default "safe";

    /** ECDSA mode: {@code "random"} or {@code "deterministic"}. */
    String ecdsa() default "random";

    /** One device for all tests of the class (only on a class). */
    boolean shared() default false;
}
