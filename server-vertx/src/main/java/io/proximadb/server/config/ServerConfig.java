package io.proximadb.server.config;

import java.time.Duration;
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
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Duration drainTimeout, int engineThreads) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7700;
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
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
    }

    /** Loopback, port 7700, 32 MiB bodies, 10 s to drain, 32 engine threads. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10), 32);
    }

    public ServerConfig withHost(String host) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads);
    }

    public ServerConfig withMaxBodyBytes(long maxBodyBytes) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads);
    }

    public ServerConfig withDrainTimeout(Duration drainTimeout) {
        return new ServerConfig(host, port, maxBodyBytes, drainTimeout, engineThreads);
    }
}
