package io.proximadb.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS from PEM files: the server's certificate chain and its private key (PKCS#8, RSA or EC). With
 * TLS the one port serves HTTPS (HTTP/1.1 and HTTP/2 by ALPN), gRPC over TLS and the dashboard.
 *
 * @param certificate the certificate chain, leaf first
 * @param privateKey  the key of the leaf certificate, unencrypted
 */
public record Tls(Path certificate, Path privateKey) {

    public Tls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** @throws IllegalArgumentException naming the file that is missing or unreadable */
    public Tls checkReadable() {
        for (Path file : new Path[] {certificate, privateKey}) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file.toAbsolutePath() + " does not exist or cannot be read");
            }
        }
        return this;
    }
}
