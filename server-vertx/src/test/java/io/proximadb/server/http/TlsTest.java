package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.config.Tls;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from PEM files: HTTPS with HTTP/2 by ALPN on the one port, verified by a client that trusts
 * only the test certificate (self-signed for localhost and 127.0.0.1, in src/test/resources/tls).
 */
@ExtendWith(NoBlockedThreads.class)
class TlsTest {

    private static final Path CERTIFICATE = Path.of("src/test/resources/tls/server-cert.pem");
    private static final Path KEY = Path.of("src/test/resources/tls/server-key.pem");

    @TempDir
    Path directory;

    @Test
    void theApiAnswersOverHttpsWithHttp2AndCleartextIsRefused() throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5))
                .withTls(new Tls(CERTIFICATE, KEY));
        try (ProximaServer server = ProximaServer.start(config, () -> ProximaDB.open(directory), line -> { })) {
            server.readiness().get(30, TimeUnit.SECONDS);
            assertThat(server.uri().getScheme()).isEqualTo("https");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(CERTIFICATE))
                    .version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(server.uri().resolve("/v1/collections"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_2);

            HttpClient cleartext = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> cleartext.send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
            // A client that does not trust the certificate cannot talk to the server.
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/healthz"))
                    .build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void aMissingPemFileIsNamedAtStart() {
        Path missing = directory.resolve("nope.pem");
        ServerConfig config = ServerConfig.defaults().withPort(0).withTls(new Tls(CERTIFICATE, missing));
        assertThatThrownBy(() -> ProximaServer.start(config, () -> ProximaDB.open(directory)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("proxima-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
