package io.proximadb.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the server listens and protects itself. The database's own settings stay in
 * {@link io.proximadb.kernel.config.ProximaConfig}; this record holds only what the network side needs.
 *
 * @param host          the address to bind; the embedded default is loopback only
 * @param port          the TCP port, or 0 for any free port (tests)
 * @param maxBodyBytes  request bodies above this are refused with 413 before they are read whole
 * @param drainTimeout  how long a graceful shutdown waits for requests in flight
 * @param engineThreads worker threads that run engine calls (never the event loop); writes wait on
 *                      group commit there, so more threads means larger commit groups
 * @param searchThreads worker threads that run searches, apart from the writes; searches are
 *                      CPU-bound, so more of them than cores only slices each one's time and
 *                      stretches every latency, while a queue in front of as many as there are cores
 *                      serves them first come, first served
 * @param keysFile      the API key file, or {@code null} for a server without key management
 *                      (always open, loopback only)
 * @param insecure      whether the server may listen beyond loopback with no API key
 * @param corsOrigins   the browser origins allowed to call the API ({@code *} for any); empty: none
 * @param rateLimit     requests per key and second, with bursts
 * @param tls           the certificate and key to serve HTTPS with, or {@code null} for cleartext
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Duration drainTimeout, int engineThreads,
                           int searchThreads, Path keysFile, boolean insecure, List<String> corsOrigins, RateLimit rateLimit, Tls tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7700;
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(rateLimit, "rateLimit");
        corsOrigins = List.copyOf(corsOrigins);
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank; use 127.0.0.1 for loopback only");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
        }
        if (engineThreads < 1) {
            throw new IllegalArgumentException("engineThreads must be at least 1, got " + engineThreads);
        }
        if (searchThreads < 1) {
            throw new IllegalArgumentException("searchThreads must be at least 1, got " + searchThreads);
        }
        for (String origin : corsOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("CORS origin '" + origin
                        + "' is invalid: give scheme://host[:port] such as https://app.example.com, or *");
            }
        }
    }

    /**
     * Loopback, port 7700, 32 MiB bodies, 10 s to drain, 32 engine threads, a search thread per core,
     * no key file, no CORS, no rate limit.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10), 32,
                Runtime.getRuntime().availableProcessors(), null, false, List.of(), RateLimit.UNLIMITED, null);
    }

    public ServerConfig withHost(String host) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withMaxBodyBytes(long maxBodyBytes) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withDrainTimeout(Duration drainTimeout) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withKeysFile(Path keysFile) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withInsecure(boolean insecure) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withCorsOrigins(List<String> corsOrigins) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withSearchThreads(int searchThreads) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withTls(Tls tls) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }

    public ServerConfig withRateLimit(RateLimit rateLimit) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads, searchThreads, keysFile, insecure,
                corsOrigins, rateLimit, tls);
    }
}
