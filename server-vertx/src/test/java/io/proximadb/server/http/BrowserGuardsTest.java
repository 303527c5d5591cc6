package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a web page could make a browser send to a server on this machine, sent as a browser would, over a real socket. */
@ExtendWith(NoBlockedThreads.class)
class BrowserGuardsTest {

    @TempDir
    Path directory;

    @Test
    void onlyLoopbackNamesAreLoopbackNamesAndNoneIsLookedUp() {
        for (String name : List.of("localhost", "LOCALHOST", "localhost.", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]",
                "::1")) {
            assertThat(BrowserGuards.isLoopbackName(name)).as(name).isTrue();
        }
        for (String name : List.of("evil.example", "10.0.0.1", "0.0.0.0", "127.0.0.1.nip.io", "localhost.evil.example",
                "[::]", "")) {
            assertThat(BrowserGuards.isLoopbackName(name)).as(name).isFalse();
        }
    }

    @Test
    void whileNoKeyIsNeededARequestAddressedToAnotherNameIsRefused() throws IOException {
        try (ServerFixture fixture = ServerFixture.open(directory.resolve("db"))) {
            int port = fixture.server().port();
            String rebound = request(port, "GET /v1/collections", "Host: rebound.evil.example:" + port);
            assertThat(rebound).startsWith("HTTP/1.1 403").contains("permission_denied").contains("localhost only")
                    .contains("'rebound.evil.example'");
            String keyCreation = send(port, "POST /v1/keys", List.of("Host: rebound.evil.example:" + port,
                    "Content-Type: application/json"), "{\"role\": \"admin\"}");
            assertThat(keyCreation).as("no admin key for a rebound page").startsWith("HTTP/1.1 403");
            assertThat(request(port, "GET /v1/collections", "Host: localhost:" + port)).startsWith("HTTP/1.1 200");
            assertThat(request(port, "GET /v1/collections", "Host: 127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
            assertThat(request(port, "GET /v1/collections", "Host: [::1]:" + port)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void onceKeysAreNeededTheKeyDecidesWhateverTheName() throws IOException {
        Path keyFile = directory.resolve("api-keys.json");
        String admin = new ApiKeyStore(new ApiKeyFile(keyFile)).create("default", Role.ADMIN, "").key();
        try (ServerFixture fixture = ServerFixture.open(directory.resolve("db"), config -> config.withKeysFile(keyFile))) {
            int port = fixture.server().port();
            assertThat(request(port, "GET /v1/collections", "Host: proxima.internal:" + port)).startsWith("HTTP/1.1 401");
            assertThat(request(port, "GET /v1/collections", "Host: proxima.internal:" + port, "Authorization: Bearer " + admin))
                    .startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aWebSocketFromAPageOfAnotherOriginIsRefusedAndFromTheServersOwnPagesAccepted() throws IOException {
        try (ServerFixture fixture = ServerFixture.open(directory.resolve("db"))) {
            int port = fixture.server().port();
            createDocs(fixture);
            String foreign = openFeed(port, "Origin: https://evil.example");
            assertThat(foreign).startsWith("HTTP/1.1 403").contains("https://evil.example");
            assertThat(openFeed(port, "Origin: http://localhost:" + port)).startsWith("HTTP/1.1 101");
            assertThat(openFeed(port)).as("no Origin: not a browser").startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void aWebSocketIsNeverCompressedSoNoFrameCanInflateBeyondItsBound() throws IOException {
        try (ServerFixture fixture = ServerFixture.open(directory.resolve("db"))) {
            int port = fixture.server().port();
            createDocs(fixture);
            // what browsers offer by default
            String answer = openFeed(port, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
            assertThat(answer).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("sec-websocket-extensions");
        }
    }

    @Test
    void aWebSocketFromAConfiguredOriginIsAccepted() throws IOException {
        try (ServerFixture fixture = ServerFixture.open(directory.resolve("db"),
                config -> config.withCorsOrigins(List.of("https://app.example")))) {
            int port = fixture.server().port();
            createDocs(fixture);
            assertThat(openFeed(port, "Origin: https://app.example")).startsWith("HTTP/1.1 101");
            assertThat(openFeed(port, "Origin: https://evil.example")).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void theServersOwnPagesAreNotCrossOriginWhenOtherOriginsAreConfigured() throws IOException {
        try (ServerFixture fixture = ServerFixture.open(directory.resolve("db"),
                config -> config.withCorsOrigins(List.of("https://app.example")))) {
            int port = fixture.server().port();
            createDocs(fixture);
            // the dashboard's own search: a browser sends Origin on a same-origin POST too
            assertThat(searchFrom(port, "http://localhost:" + port)).startsWith("HTTP/1.1 200");
            assertThat(searchFrom(port, "https://app.example")).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("access-control-allow-origin: https://app.example");
            assertThat(searchFrom(port, "https://evil.example")).startsWith("HTTP/1.1 403");
        }
    }

    private static void createDocs(ServerFixture fixture) {
        assertThat(fixture.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}").status())
                .isEqualTo(201);
    }

    private static final String[] UPGRADE = {"Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};

    /** Asks for the change feed of {@code docs} as a WebSocket, addressed to localhost, with {@code headers} added. */
    private static String openFeed(int port, String... headers) throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("Host: localhost:" + port));
        lines.addAll(List.of(headers));
        lines.addAll(List.of(UPGRADE));
        return send(port, "GET /v1/collections/docs/changes", lines, null);
    }

    /** A search of {@code docs} sent, addressed to localhost, from a page of {@code origin}. */
    private static String searchFrom(int port, String origin) throws IOException {
        return send(port, "POST /v1/collections/docs/search", List.of("Host: localhost:" + port, "Origin: " + origin,
                "Content-Type: application/json"), "{\"vector\": [1, 0], \"k\": 1}");
    }

    private static String request(int port, String requestLine, String... headers) throws IOException {
        return send(port, requestLine, List.of(headers), null);
    }

    /**
     * Sends {@code requestLine} with {@code headers} and {@code body} (none if null) over HTTP/1.1 on
     * a fresh connection; returns the answer's head and the start of its body.
     */
    private static String send(int port, String requestLine, List<String> headers, String body) throws IOException {
        StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
        headers.forEach(header -> text.append(header).append("\r\n"));
        if (body != null) {
            text.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        text.append("\r\n").append(body == null ? "" : body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            StringBuilder answer = new StringBuilder();
            // The head, and an error's JSON body; a 101 sends nothing more until the feed has news.
            while (!complete(answer.toString())) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }

    private static boolean complete(String answer) {
        int head = answer.indexOf("\r\n\r\n");
        return head >= 0 && (answer.startsWith("HTTP/1.1 101") || answer.indexOf('}', head) >= 0 || answer.indexOf(']', head) >= 0);
    }
}
