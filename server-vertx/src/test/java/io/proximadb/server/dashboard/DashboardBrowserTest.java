package io.proximadb.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core from
 * {@code src/test/browser/dashboard.spec.mjs} against real servers with data written over REST.
 * {@code src/test/browser/setup.sh} first installs what is missing (chromium with apt-get, once;
 * playwright-core with npm); when it cannot, the test fails saying what to install, because a
 * browser test that skips itself in CI tests nothing.
 */
@ExtendWith(NoBlockedThreads.class)
class DashboardBrowserTest {

    private static final Path BROWSER_DIRECTORY = Path.of("src/test/browser").toAbsolutePath();
    private static final Path SCREENSHOT = Path.of("target/dashboard.png").toAbsolutePath();
    private static final String CHROMIUM = System.getenv().getOrDefault("PROXIMA_CHROMIUM", "/usr/bin/chromium");
    /** Installing chromium is a one-time cost of about a minute; a slow mirror may take longer. */
    private static final long SETUP_MINUTES = 20;
    private static final long SPEC_SECONDS = 120;
    private static final int DIMENSION = 8;
    private static final String[] COLOURS = {"red", "green", "blue"};

    @TempDir
    Path directory;

    @BeforeAll
    static void installTheBrowserAndPlaywright() throws Exception {
        assertThat(BROWSER_DIRECTORY.resolve("setup.sh")).as("run from the server-vertx module").exists();
        Run setup = run(List.of("bash", BROWSER_DIRECTORY.resolve("setup.sh").toString()), SETUP_MINUTES * 60,
                Path.of("target/dashboard-setup.log").toAbsolutePath());
        System.out.print(setup.output());
        assertThat(setup.exit()).as("""
                the dashboard's browser test needs Node.js 20+, Debian's chromium and playwright-core, and \
                src/test/browser/setup.sh could not install them. Install them by hand (as root: apt-get update && \
                apt-get install -y chromium; then in server-vertx/src/test/browser: \
                PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci). The setup said:
                %s""", setup.output()).isZero();
    }

    @Test
    void theDashboardShowsTheServerItsDataAndItsSearchInABrowser() throws Exception {
        Path keyFile = directory.resolve("keys.json");
        String key = new ApiKeyStore(new ApiKeyFile(keyFile)).create("default", Role.WRITER, "dashboard").key();
        try (ServerFixture open = ServerFixture.open(directory.resolve("open"));
             ServerFixture secured = ServerFixture.open(directory.resolve("secured"), config -> config.withKeysFile(keyFile))) {
            int records = 12;
            createProducts(open, null, records);
            createProducts(secured, key, 3);

            ObjectNode plan = ServerFixture.JSON.createObjectNode();
            plan.put("screenshot", SCREENSHOT.toString()).put("chromium", CHROMIUM);
            ObjectNode openPlan = plan.putObject("open").put("url", open.server().uri().toString())
                    .put("collection", "products").put("record", "item-7").put("k", 5).put("records", records);
            openPlan.putObject("filter").put("colour", "red");
            ArrayNode red = openPlan.putArray("filtered");
            for (int i = 0; i < records; i++) {
                if (colour(i).equals("red")) {
                    red.add("item-" + i);
                }
            }
            plan.putObject("secured").put("url", secured.server().uri().toString()).put("key", key)
                    .put("collection", "products");
            Path planFile = directory.resolve("plan.json");
            ServerFixture.JSON.writeValue(planFile.toFile(), plan);
            Files.deleteIfExists(SCREENSHOT);

            Run spec = run(List.of("node", BROWSER_DIRECTORY.resolve("dashboard.spec.mjs").toString(), planFile.toString()),
                    SPEC_SECONDS, directory.resolve("spec.log"));
            System.out.print(spec.output()); // kept in target/surefire-reports with the test's output

            assertThat(spec.exit()).as("dashboard.spec.mjs failed:%n%s", spec.output()).isZero();
            assertThat(spec.output()).doesNotContain("FAILED")
                    .containsPattern("dashboard spec: \\d+ checks passed")
                    .contains("the record itself comes first", "a filtered search shows only the matching records",
                            "the rate-chart canvas is drawn", "the latency-chart canvas is drawn",
                            "a server with keys: the page asks for one on 401");
            assertThat(SCREENSHOT).exists();
            assertThat(Files.size(SCREENSHOT)).as("a screenshot of a whole page, not a blank one").isGreaterThan(30_000);
            BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
            assertThat(image.getWidth()).isEqualTo(1360);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(900);
        }
    }

    /** A collection "products" of {@code count} records item-0..., coloured in turn red, green, blue. */
    private static void createProducts(ServerFixture server, String key, int count) {
        String collection = "{\"name\": \"products\", \"dimension\": " + DIMENSION + ", \"metric\": \"cosine\"}";
        assertThat(server.send("POST", "/v1/collections", collection, key).status()).isEqualTo(201);
        StringBuilder body = new StringBuilder("{\"records\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"id\": \"item-").append(i).append("\", \"vector\": [");
            for (int d = 0; d < DIMENSION; d++) {
                // Distinct directions that vary smoothly with i, so neighbours are well defined.
                body.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", Math.sin(0.37 * i + d) + 1.5));
            }
            body.append("], \"metadata\": {\"colour\": \"").append(colour(i)).append("\", \"rank\": ").append(i)
                    .append("}}");
        }
        body.append("]}");
        assertThat(server.send("PUT", "/v1/collections/products/records", body.toString(), key).status()).isEqualTo(200);
    }

    private static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    private record Run(int exit, String output) {
    }

    /** Runs a command in the browser directory, its output (both streams) to {@code log}; kills it after the timeout. */
    private static Run run(List<String> command, long timeoutSeconds, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(BROWSER_DIRECTORY.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        builder.environment().put("PROXIMA_CHROMIUM", CHROMIUM);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Run(-1, "cannot run " + command.getFirst() + ": " + e.getMessage());
        }
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return done ? new Run(process.exitValue(), output)
                : new Run(-1, output + "\n" + String.join(" ", command) + ": no end after " + timeoutSeconds + " s");
    }
}
