package io.proximadb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The benchmarks. Each prints progress while it works and, as its last line, one JSON object of its figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark; files it makes go under bench/results/.",
        subcommands = {JmhBenchCommand.class, GroupCommitBenchCommand.class, IngestBenchCommand.class,
                AnnBenchCommand.class, LoadBenchCommand.class, AxisBenchCommand.class,
                AxisSweepBenchCommand.class, HiccupBenchCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a benchmark; see proxima bench --help");
    }
}
