package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class AxisBenchCommandTest {

    @Test
    void theDefaultsAreThreeTargetsWithTheModel() {
        ParseResult parsed = Main.newCommandLine().parseArgs("bench", "axis");
        AxisBenchCommand axis = (AxisBenchCommand) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(axis.targets).containsExactly(0.9, 0.95, 0.99);
        assertThat(axis.planner).isEqualTo("model");
    }

    /**
     * One held-out set through the launcher, as a user runs it: the models load with ONNX Runtime in
     * the launched JVM (whose native start-up once crashed on the launcher's long command line), and
     * the last line is the JSON the issue asks for.
     */
    @Test
    void oneHeldOutSetRunsThroughTheLauncherAndEndsWithItsJson() throws Exception {
        ProcessRunner.Result run = ProcessRunner.proxima("bench", "axis", "--limit", "1", "--target", "0.9",
                "--queries", "40", "--threads", "1", "--fashion-mnist-queries", "0");
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> lines = run.output().lines().toList();
        String json = lines.getLast();
        assertThat(json).startsWith("{\"planner\": \"model\"").contains("\"held_out_target_met\": ")
                .contains("\"adaptive_qps_gain\": ").contains("\"held_out_cases\": 1");
        assertThat(run.output()).contains("syn-d24-i8-c1-s1-n10000-l2-9000").contains("by onnx");
    }

    /**
     * ONNX Runtime's native start-up kills the process when the command line is about 4 KiB or
     * longer; AXIS sees such a command line first and chooses by rules, saying why, instead.
     */
    @Test
    void aCommandLineTooLongForOnnxRuntimeFallsBackToRulesInsteadOfCrashing() throws Exception {
        List<String> command = List.of(ProcessRunner.root().resolve("proxima").toString(), "bench", "axis", "--limit", "1",
                "--target", "0.9", "--queries", "40", "--threads", "1", "--fashion-mnist-queries", "0");
        ProcessRunner.Result run = ProcessRunner.run(ProcessRunner.root(), java.util.Map.of("PROXIMA_SKIP_BUILD", "1",
                "JAVA_HOME", System.getProperty("java.home"), "PROXIMA_JAVA_OPTS", "-Dpadding=" + "x".repeat(5_000)), 120,
                command);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("rules (ONNX Runtime is not started").contains("\"held_out_target_met\": ");
    }

    @Test
    void theSweepIsListedUnderBenchWithItsHelp() {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("bench", "axis-sweep", "--help")).isZero();
        assertThat(out.toString()).contains("--per-query").contains("axis-sweep.csv");
    }
}
