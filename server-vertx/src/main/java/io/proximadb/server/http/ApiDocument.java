package io.proximadb.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of the whole HTTP surface, kept by hand in
 * {@code src/main/resources/openapi.json}. The test suite validates every answer it receives
 * against it, so the document and the server cannot drift apart unnoticed.
 */
final class ApiDocument {

    static final String RESOURCE = "/openapi.json";

    private final Buffer document;

    private ApiDocument(Buffer document) {
        this.document = document;
    }

    /** Reads the document once, at start-up: a server built without it is broken, so it fails then. */
    static ApiDocument load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the class path has no " + RESOURCE
                        + "; it belongs in server-vertx/src/main/resources");
            }
            return new ApiDocument(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
    }

    void register(Router router) {
        router.get("/openapi.json").handler(context -> context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(document));
    }
}
