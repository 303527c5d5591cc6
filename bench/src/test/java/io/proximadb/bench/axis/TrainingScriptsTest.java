package io.proximadb.bench.axis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python side of AXIS, the scripts that train its models (bench/axis/), runs its own unit tests
 * in Debian's Python: each trains on a synthetic CSV, exports ONNX and checks the graph against
 * scikit-learn. {@code install-training.sh} installs the Debian packages they need when missing.
 */
class TrainingScriptsTest {

    /** Maven runs the tests in {@code bench/}; the scripts are in {@code bench/axis/}. */
    private static final Path SCRIPTS = Path.of("axis").toAbsolutePath();

    @Test
    void theTrainingScriptsPassTheirUnitTests() throws Exception {
        assertThat(run(List.of("bash", SCRIPTS.resolve("install-training.sh").toString()), 600).exitCode()).isZero();
        Outcome tests = run(List.of("/usr/bin/python3", "-m", "unittest", "discover", "-s", SCRIPTS.toString(), "-p",
                "test_*.py"), 300);
        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("OK").doesNotContain("FAILED");
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("axis-training", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Byte-code caches would land beside the scripts, in the source tree.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(finished).as(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + output).isTrue();
        System.out.println(String.join(" ", command) + ":\n" + output);
        return new Outcome(process.exitValue(), output);
    }
}
