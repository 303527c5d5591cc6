package io.proximadb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: only lists its subcommands. */
@Command(name = "proxima", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "ProximaDB, a vector database for the JVM.",
        subcommands = {ServeCommand.class, KeysCommand.class, PluginsCommand.class, BenchCommand.class},
        footer = {"", "The launcher also runs the whole test suite: ./proxima test (see ./proxima test --help)."})
final class ProximaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand; see proxima --help");
    }
}
