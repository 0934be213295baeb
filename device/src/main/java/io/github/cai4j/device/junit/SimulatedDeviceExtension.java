package io.github.cai4j.device.junit;

import io.github.cai4j.crypto.CryptoClient;
import io.github.cai4j.crypto.TfmProfile;
import io.github.cai4j.device.Device;
import io.github.cai4j.device.DeviceConfig;
import io.github.cai4j.device.DeviceException;
import io.github.cai4j.device.EcdsaMode;
import io.github.cai4j.device.NonSecureWorld;
import io.github.cai4j.huk.HukDerivClient;
import io.github.cai4j.inference.service.InferenceClient;
import io.github.cai4j.nvcounter.NvCounters;
import io.github.cai4j.psa.platform.HukSource;
import io.github.cai4j.storage.ProtectedStorage;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Boots, hands out and closes the devices of {@link SimulatedDevice}. */
public final class SimulatedDeviceExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SimulatedDeviceExtension.class);
    private static final Set<Class<?>> TYPES = Set.of(DeviceUnderTest.class, Device.class, NonSecureWorld.class,
            InferenceClient.class, HukDerivClient.class, ProtectedStorage.class, CryptoClient.class);

    /** Created by JUnit through {@link SimulatedDevice}. */
    public SimulatedDeviceExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        DeviceUnderTest dut = deviceFor(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == DeviceUnderTest.class) {
            return dut;
        }
        if (type == Device.class) {
            return dut.device();
        }
        NonSecureWorld ns = dut.nonSecure();
        if (type == NonSecureWorld.class) {
            return ns;
        }
        if (type == InferenceClient.class) {
            return ns.inference();
        }
        if (type == HukDerivClient.class) {
            return ns.huk();
        }
        if (type == ProtectedStorage.class) {
            return ns.protectedStorage();
        }
        return ns.crypto();
    }

    private DeviceUnderTest deviceFor(ExtensionContext context) {
        SimulatedDevice annotation = find(context).orElseThrow(() -> new ExtensionConfigurationException(
                "@SimulatedDevice is missing on " + context.getDisplayName()));
        ExtensionContext scope = context;
        if (annotation.shared()) {
            scope = context.getParent().filter(p -> p.getTestClass().isPresent() && p.getTestMethod().isEmpty())
                    .orElse(context);
        }
        return scope.getStore(NAMESPACE).getOrComputeIfAbsent("device", key -> boot(annotation), Holder.class).dut;
    }

    private static Optional<SimulatedDevice> find(ExtensionContext context) {
        Optional<SimulatedDevice> onMethod = context.getTestMethod().flatMap(SimulatedDeviceExtension::annotation);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        return context.getTestClass().flatMap(SimulatedDeviceExtension::annotation);
    }

    private static Optional<SimulatedDevice> annotation(AnnotatedElement e) {
        return Optional.ofNullable(e.getAnnotation(SimulatedDevice.class));
    }

    private static Holder boot(SimulatedDevice a) {
        DeviceConfig.Builder b = DeviceConfig.builder()
                .profile(switch (a.tfm()) {
                    case "1.6" -> TfmProfile.TFM_1_6;
                    case "1.7" -> TfmProfile.TFM_1_7;
                    default -> throw new ExtensionConfigurationException("tfm must be 1.6 or 1.7: " + a.tfm());
                })
                .hukPartitionId(a.hukPartitionId())
                .labelExtra(a.labelExtra())
                .nvCounterMode(switch (a.nvCounter()) {
                    case "safe" -> NvCounters.Mode.SAFE;
                    case "firmware" -> NvCounters.Mode.FIRMWARE_EXACT;
                    default -> throw new ExtensionConfigurationException("nvCounter must be safe or firmware: "
                            + a.nvCounter());
                })
                .ecdsaMode(switch (a.ecdsa()) {
                    case "random" -> EcdsaMode.RANDOMIZED;
                    case "deterministic" -> EcdsaMode.DETERMINISTIC;
                    default -> throw new ExtensionConfigurationException("ecdsa must be random or deterministic: "
                            + a.ecdsa());
                });
        if (!a.huk().isEmpty()) {
            b.huk(HukSource.ofHex(a.huk()));
        }
        try {
            return new Holder(new DeviceUnderTest(Device.boot(b.build())));
        } catch (DeviceException e) {
            throw new ParameterResolutionException("the simulated device did not boot: " + e.getMessage(), e);
        }
    }

    /** Closes the device when its scope ends (JUnit closes AutoCloseable store values). */
    private static final class Holder implements AutoCloseable {
        final DeviceUnderTest dut;

        Holder(DeviceUnderTest dut) {
            this.dut = dut;
        }

        @Override
        public void close() {
            dut.close();
        }
    }
}
