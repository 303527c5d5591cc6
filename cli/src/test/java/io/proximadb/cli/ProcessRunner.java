package io.proximadb.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real command (the launcher, Maven) and captures what it printed. */
final class ProcessRunner {

    record Result(int exitCode, String output) {
    }

    private ProcessRunner() {
    }

    static Result run(Path workingDirectory, Map<String, String> environment, long timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("proxima-process", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s; output:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The repository's root: the cli module's parent. */
    static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** Runs {@code ./proxima} without letting it rebuild: the test is running inside the build. */
    static Result proxima(String... arguments) throws IOException, InterruptedException {
        return proxima(Map.of(), arguments);
    }

    /** {@link #proxima(String...)} with {@code environment} added to the launcher's, such as {@code PROXIMA_JAVA_OPTS}. */
    static Result proxima(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(root().resolve("proxima").toString()));
        command.addAll(List.of(arguments));
        Map<String, String> launcher = new java.util.HashMap<>(environment);
        launcher.put("PROXIMA_SKIP_BUILD", "1");
        launcher.put("JAVA_HOME", System.getProperty("java.home"));
        return run(root(), launcher, 120, command);
    }
}
