package ru.metricarelay.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * The jar's entry point (docs/architecture.md#operator-tools). With no argument it is the HTTP service,
 * exactly as without this class; with a command (doctor, provision) it starts the same application
 * without opening the HTTP port, runs the command and exits with its code. The Lambda build does not
 * come here: it has its own handler.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) throws Exception {
        if (args.length > 0) {
            // usage errors and --help are answered before the application starts: no boot for a typo
            CommandLine cli = new CommandLine(new RelayCommand(null, null));
            try {
                CommandLine.ParseResult parsed = cli.parseArgs(args);
                if (CommandLine.printHelpIfRequested(parsed)) {
                    System.exit(0);
                }
            } catch (CommandLine.ParameterException e) {
                System.exit(cli.getParameterExceptionHandler().handleParseException(e, args));
            }
        }
        CommandModeConfig.activate(args.length > 0);
        Quarkus.run(RelayCommand.class, args);
    }
}
