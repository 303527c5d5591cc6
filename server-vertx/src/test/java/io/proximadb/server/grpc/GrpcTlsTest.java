package io.proximadb.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.ProximaDB;
import io.proximadb.grpc.v1.ListCollectionsRequest;
import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.config.Tls;
import io.proximadb.server.http.ProximaServer;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** gRPC over TLS on the same port as HTTPS: HTTP/2 chosen by ALPN. */
@ExtendWith(NoBlockedThreads.class)
class GrpcTlsTest {

    @TempDir
    Path directory;

    @Test
    void aGrpcClientTrustingTheCertificateIsServed() throws Exception {
        Path certificate = Path.of("src/test/resources/tls/server-cert.pem").toAbsolutePath();
        ServerConfig config = ServerConfig.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5))
                .withTls(new Tls(certificate, Path.of("src/test/resources/tls/server-key.pem")));
        try (ProximaServer server = ProximaServer.start(config, () -> ProximaDB.open(directory), line -> { });
             GrpcClientFixture grpc = new GrpcClientFixture(server.port(), certificate)) {
            server.readiness().get(30, TimeUnit.SECONDS);
            var answer = grpc.call(GrpcApiTest.LIST, null, ListCollectionsRequest.getDefaultInstance());
            assertThat(answer.status()).isEqualTo(GrpcStatus.OK);
            assertThat(answer.single().getCollectionsCount()).isZero();
        }
    }
}
