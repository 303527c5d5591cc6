package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.server.ServerFixture;
import io.proximadb.server.ServerFixture.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browsers may call the API from the configured origins only; a preflight needs no key. */
class CorsTest {

    @TempDir
    Path directory;

    @Test
    void aConfiguredOriginIsAllowedAndOthersAreRefused() throws Exception {
        try (ServerFixture server = ServerFixture.open(directory,
                config -> config.withCorsOrigins(List.of("https://app.example.com")))) {
            HttpRequest preflight = server.request("/v1/collections")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .build();
            var answer = server.rawSend(preflight);
            assertThat(answer.statusCode()).isIn(200, 204);
            assertThat(answer.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
            assertThat(answer.headers().firstValue("access-control-allow-methods").orElseThrow()).contains("POST");
            assertThat(answer.headers().firstValue("access-control-allow-headers").orElseThrow().toLowerCase())
                    .contains("authorization");

            Reply allowed = server.send(server.request("/v1/collections").header("Origin", "https://app.example.com")
                    .GET().build());
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("access-control-allow-origin")).isEqualTo("https://app.example.com");
            assertThat(allowed.header("access-control-expose-headers")).containsIgnoringCase("x-request-id");

            Reply refused = server.send(server.request("/v1/collections").header("Origin", "https://evil.example.org")
                    .GET().build());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("permission_denied");
            assertThat(refused.header("access-control-allow-origin")).isNull();
        }
    }

    @Test
    void withoutConfiguredOriginsNoCorsHeadersAreSent() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            Reply reply = server.send(server.request("/v1/collections").header("Origin", "https://app.example.com")
                    .GET().build());
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("access-control-allow-origin")).isNull();
        }
    }
}
