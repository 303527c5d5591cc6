package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Collection;
import io.proximadb.api.ProximaDB;
import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.OpenApiContract;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.ServerFixture.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Stopping drains what is in flight, closes the database, and loses no acknowledged write. */
@ExtendWith(NoBlockedThreads.class)
class GracefulShutdownTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path directory;

    @Test
    void everyWriteAcknowledgedBeforeOrDuringCloseSurvives() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ServerFixture server = ServerFixture.open(directory);
        assertThat(server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 4, \"metric\": \"l2\"}").status())
                .isEqualTo(201);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int client = 0; client < 8; client++) {
            int id = client;
            clients.submit(() -> {
                for (int n = 0; ; n++) {
                    String record = "c" + id + "-" + n;
                    try {
                        Reply reply = server.put("/v1/collections/docs/records",
                                "{\"records\": [{\"id\": \"" + record + "\", \"vector\": [1, 2, 3, " + n + "]}]}");
                        if (reply.status() != 200) {
                            return; // 503 while draining: refused, so not acknowledged
                        }
                        acknowledged.add(record);
                    } catch (AssertionError connectionClosed) {
                        return;
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(acknowledged).as("writes acknowledged before the close").hasSizeGreaterThanOrEqualTo(200);
        server.close();
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        try (ProximaDB db = ProximaDB.open(directory)) {
            Collection docs = db.collection("docs");
            List<String> missing = acknowledged.stream().filter(record -> docs.get(record).isEmpty()).toList();
            assertThat(missing).as("acknowledged writes lost").isEmpty();
        }
    }

    @Test
    void sigtermStopsAChildServerCleanlyAndItsDataIsThere() throws Exception {
        Path log = directory.resolve("server.log");
        Path data = directory.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ChildServerMain.class.getName(), data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI uri = URI.create(awaitLine(log, LISTENING, child).group(1));
            awaitLine(log, Pattern.compile("\"ready: the database in [^\"]* is open and recovered\""), child);
            assertThat(Files.readString(log)).contains("data in " + data.toAbsolutePath());
            HttpClient client = HttpClient.newHttpClient();
            assertThat(send(client, uri, "POST", "/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}"))
                    .isEqualTo(201);
            assertThat(send(client, uri, "PUT", "/v1/collections/docs/records",
                    "{\"records\": [{\"id\": \"a\", \"vector\": [1, 2]}, {\"id\": \"b\", \"vector\": [3, 4]}]}")).isEqualTo(200);

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
            String output = Files.readString(log);
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("shutting down: draining requests", "stopped; the database is closed and its logs are synced");
        } finally {
            child.destroyForcibly();
        }
        try (ProximaDB db = ProximaDB.open(data)) {
            assertThat(db.collection("docs").get("a")).isPresent();
            assertThat(db.collection("docs").get("b")).isPresent();
        }
    }

    private static int send(HttpClient client, URI base, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        OpenApiContract.get().check(method, request.uri().getRawPath(), response.statusCode(), response.headers().map(),
                response.body());
        return response.statusCode();
    }

    private static Matcher awaitLine(Path log, Pattern pattern, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            Matcher matcher = pattern.matcher(output);
            if (matcher.find()) {
                return matcher;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child server exited (" + child.exitValue() + "):\n" + output);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching " + pattern + " within 30 s:\n" + Files.readString(log));
    }
}
