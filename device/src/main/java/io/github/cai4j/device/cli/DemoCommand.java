package io.github.cai4j.device.cli;

import io.github.cai4j.device.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cai4j demo}: a tour of the whole stack on the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Boots a simulated device on the embedded defaults and shows the whole stack: boot,",
            "device identity, signed and encrypted inference results verified as a cloud service would,",
            "a model update through the Firmware Update API, and a tampered image refused."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return new Demo(spec.commandLine().getOut()).run();
    }
}
