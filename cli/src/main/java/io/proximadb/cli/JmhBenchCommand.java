package io.proximadb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs JMH micro-benchmarks of the {@code bench} module by name. */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {"Runs JMH micro-benchmarks whose names match a regular expression, e.g.",
                "  proxima bench jmh VectorKernelsBenchmark",
                "  proxima bench jmh MemtableBenchmark -p memtable=art,btree",
                "JMH's full report goes to bench/results/jmh-<time>.json."})
final class JmhBenchCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "REGEX", description = "Which benchmarks to run.")
    String include;

    @Option(names = "--forks", defaultValue = "1", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmupIterations;

    @Option(names = "--iterations", defaultValue = "3", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1,V2", description = "Overrides a @Param of the benchmarks.")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try {
            Path results = Path.of("bench", "results");
            Files.createDirectories(results);
            Path report = results.resolve("jmh-" + System.currentTimeMillis() + ".json");
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(include)
                    .forks(forks)
                    .warmupIterations(warmupIterations)
                    .measurementIterations(iterations)
                    .warmupTime(TimeValue.seconds(seconds))
                    .measurementTime(TimeValue.seconds(seconds))
                    .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-Xmx8g")
                    .resultFormat(ResultFormatType.JSON)
                    .result(report.toString());
            params.forEach((name, values) -> options.param(name, values.split(",")));
            Collection<RunResult> runs = new Runner(options.build()).run();
            PrintWriter out = spec.commandLine().getOut();
            out.println("full report: " + report);
            out.println(summary(runs));
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException("JMH run failed: " + e.getMessage(), e);
        }
    }

    /** One JSON object: benchmark (with its params) → score and unit. */
    private static String summary(Collection<RunResult> runs) {
        return runs.stream().map(run -> {
            var params = run.getParams();
            String name = params.getBenchmark().replaceFirst("^.*\\.([^.]+\\.[^.]+)$", "$1")
                    + params.getParamsKeys().stream().map(k -> "," + k + "=" + params.getParam(k)).collect(Collectors.joining());
            var result = run.getPrimaryResult();
            // JMH reports no error (NaN) with fewer than two iterations; JSON has no NaN, so it becomes null.
            double error = result.getScoreError();
            return String.format(Locale.ROOT, "\"%s\":{\"score\":%.3f,\"error\":%s,\"unit\":\"%s\"}",
                    name, result.getScore(), Double.isFinite(error) ? String.format(Locale.ROOT, "%.3f", error) : "null",
                    result.getScoreUnit());
        }).collect(Collectors.joining(",", "{", "}"));
    }
}
