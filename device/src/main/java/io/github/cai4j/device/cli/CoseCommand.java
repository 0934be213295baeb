package io.github.cai4j.device.cli;

import io.github.cai4j.cose.examples.ExampleChecker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cai4j cose}: COSE tools. */
@Command(name = "cose", mixinStandardHelpOptions = true, description = "COSE tools.",
        subcommands = {CoseCommand.CheckExample.class})
public final class CoseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs cose-wg Examples vectors. */
    @Command(name = "check-example", mixinStandardHelpOptions = true,
            description = "Verify/decrypt cose-wg Examples JSON vectors; one PASS|FAIL|SKIP line per file.")
    static final class CheckExample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "<file.json>")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int pass = 0;
            int fail = 0;
            int skip = 0;
            for (Path f : files) {
                ExampleChecker.Result r = ExampleChecker.check(f);
                switch (r.outcome()) {
                    case PASS -> pass++;
                    case FAIL -> fail++;
                    case SKIP -> skip++;
                }
                out.println(r.outcome() + " " + f + " " + r.reason());
            }
            out.println(pass + " passed, " + fail + " failed, " + skip + " skipped");
            out.flush();
            return fail == 0 ? 0 : 1;
        }
    }
}
