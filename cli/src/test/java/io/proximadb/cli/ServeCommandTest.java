package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: {@code ./proxima serve}, then the README's own curl
 * lines (sent by Java, so the test needs no curl), then SIGTERM, which must end it with status 0.
 */
class ServeCommandTest {

    private static final Pattern CURL = Pattern.compile(
            "curl -X (\\S+) localhost:7700(\\S+) -H '([^:]+): ([^']*)'\\s+-d '([^']*)'");

    @TempDir
    Path work;

    @Test
    void serveAnswersTheReadmesCurlLinesAndStopsCleanlyOnSigterm() throws Exception {
        Path log = work.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(ProcessRunner.root().resolve("proxima").toString(), "serve",
                "--port", "0", "--data-dir", work.resolve("data").toString())
                .directory(ProcessRunner.root().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PROXIMA_SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process serve = builder.start();
        try {
            String base = await(log, Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)"), serve).group(1);
            await(log, Pattern.compile("ready: the database in \\S+ is open and recovered"), serve);
            assertThat(Files.readString(log)).contains("data in " + work.resolve("data"));

            HttpClient client = HttpClient.newHttpClient();
            String lastBody = "";
            for (MatchResult curl : readmeCurls()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + curl.group(2)))
                        .header(curl.group(3), curl.group(4))
                        .method(curl.group(1), HttpRequest.BodyPublishers.ofString(curl.group(5))).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(curl.group() + " -> " + response.body()).isBetween(200, 299);
                lastBody = response.body();
            }
            assertThat(lastBody).contains("\"id\":\"a\"", "\"lang\":\"en\"");

            serve.destroy(); // SIGTERM to the JVM: the launcher execs it
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(serve.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("stopped; the database is closed");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** The curl lines of the README's first sh block that has any, continuation lines joined. */
    private static List<MatchResult> readmeCurls() throws Exception {
        String readme = Files.readString(ProcessRunner.root().resolve("README.md"));
        Matcher block = Pattern.compile("```sh\\n([^`]*curl[^`]*)```").matcher(readme);
        assertThat(block.find()).as("README has curl examples").isTrue();
        List<MatchResult> curls = CURL.matcher(block.group(1).replace("\\\n", " ")).results().toList();
        assertThat(curls).as("curl lines in README").hasSizeGreaterThanOrEqualTo(3);
        return curls;
    }

    private static Matcher await(Path log, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            Matcher matcher = pattern.matcher(output);
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError("proxima serve exited (" + process.exitValue() + "):\n" + output);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching " + pattern + " within 60 s:\n" + Files.readString(log));
    }
}
