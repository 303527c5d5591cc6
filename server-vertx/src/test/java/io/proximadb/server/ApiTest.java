package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.server.ServerFixture.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A fresh server over a fresh database for each test; subclasses seed it in their own {@code @BeforeEach}. */
@ExtendWith(NoBlockedThreads.class)
abstract class ApiTest {

    @TempDir
    Path directory;

    ServerFixture server;

    @BeforeEach
    void startServer() {
        server = ServerFixture.open(directory);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** An error answer: its status, the JSON error shape, and the request id in body and header alike. */
    static void assertError(Reply reply, int status, String code, String messageFragment) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("content-type")).isEqualTo("application/json");
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(code);
        assertThat(reply.errorMessage()).contains(messageFragment);
        assertThat(reply.json().path("error").path("request_id").asText()).isNotBlank()
                .isEqualTo(reply.header("x-request-id"));
    }
}
