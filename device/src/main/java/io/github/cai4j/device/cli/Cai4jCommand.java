package io.github.cai4j.device.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cai4j} command line. Subcommands are added as their modules land; errors print one line and
 * exit non-zero, never a stack trace.
 */
@Command(name = "cai4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Confidential AI for Java: a simulated Confidential-AI secure device, "
                + "an imgtool-compatible signer and a COSE verifier.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, ShellCommand.class, ImgtoolCommand.class, ModelCommand.class, VerifyCommand.class, AttestCommand.class,
            CoseCommand.class, CloudCommand.class})
public final class Cai4jCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the project's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cai4jCommand());
        cl.setExecutionExceptionHandler(Cai4jCommand::handleExecutionException);
        cl.setParameterExceptionHandler(Cai4jCommand::handleParameterException);
        return cl;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("cai4j: " + e.getMessage());
        err.println("Try 'cai4j --help' for usage.");
        err.flush();
        return 2;
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("cai4j: " + msg);
        err.flush();
        return 1;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
