package io.github.cai4j.device.cli;

import io.github.cai4j.device.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--cloud", description = {"Instead: the cloud path (as 'cai4j cloud demo'): a bootstrap CA and an",
        "Eclipse Mosquitto broker on 127.0.0.1, the device provisioned with keys ca, results published",
        "over mutual TLS and verified by the cloud listener. Needs mosquitto."})
    boolean cloud;

    @Override
    public Integer call() throws Exception {
        if (cloud) {
            CommandLine cl = Cai4jCommand.commandLine();
            cl.setOut(spec.commandLine().getOut());
            cl.setErr(spec.commandLine().getErr());
            return cl.execute("cloud", "demo");
        }
        return new Demo(spec.commandLine().getOut()).run();
    }
}
