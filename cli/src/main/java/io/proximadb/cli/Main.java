package io.proximadb.cli;

import picocli.CommandLine;

/** Entry point of the {@code proxima} launcher script. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new ProximaCommand());
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            // Our exceptions carry messages written for people; a stack trace would bury them.
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + error.getMessage()));
            return 1;
        });
        return commandLine;
    }
}
