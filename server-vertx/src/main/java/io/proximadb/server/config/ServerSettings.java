package io.proximadb.server.config;

import io.proximadb.kernel.config.ConfigException;
import io.proximadb.kernel.config.Setting;
import io.proximadb.kernel.config.Setting.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server's keys of the configuration file ({@code [server]} in {@code proxima.toml}), with their
 * environment variables ({@code PROXIMA_SERVER_PORT}, ...); validated with the database's keys by
 * {@link io.proximadb.kernel.config.ConfigLoader#values}. Flags of {@code proxima serve} win over
 * them. Documented in docs/configuration.md, which a test holds to this list.
 */
public final class ServerSettings {

    public static final Setting HOST = new Setting("server.host", Type.STRING, ServerConfig.DEFAULT_HOST, List.of(),
            "Address to bind; any other than loopback needs API keys or server.insecure.");
    public static final Setting PORT = new Setting("server.port", Type.INTEGER, (long) ServerConfig.DEFAULT_PORT,
            List.of(), "TCP port of REST, gRPC, the dashboard and /metrics; 0 picks a free one.");
    public static final Setting MAX_BODY_BYTES = new Setting("server.max_body_bytes", Type.INTEGER,
            ServerConfig.DEFAULT_MAX_BODY_BYTES, List.of(), "Request bodies above this are refused with 413.");
    public static final Setting DRAIN_TIMEOUT_MS = new Setting("server.drain_timeout_ms", Type.INTEGER, 10_000L,
            List.of(), "How long a graceful shutdown waits for requests in flight.");
    public static final Setting ENGINE_THREADS = new Setting("server.engine_threads", Type.INTEGER, 32L, List.of(),
            "Worker threads that run engine calls other than searches (never the event loop).");
    public static final Setting SEARCH_THREADS = new Setting("server.search_threads", Type.INTEGER, 0L, List.of(),
            "Worker threads that run searches, queued first come, first served; 0 for one per core.");
    public static final Setting INSECURE = new Setting("server.insecure", Type.BOOLEAN, false, List.of(),
            "Allow a non-loopback host with no API key (only behind a proxy that authenticates).");
    public static final Setting CORS_ORIGINS = new Setting("server.cors_origins", Type.STRING_LIST, List.of(), List.of(),
            "Browser origins allowed to call the API, such as https://app.example.com, or *.");
    public static final Setting RATE_LIMIT = new Setting("server.rate_limit", Type.INTEGER, 0L, List.of(),
            "Requests a second allowed per API key (429 with Retry-After beyond); 0 for no limit.");
    public static final Setting RATE_BURST = new Setting("server.rate_burst", Type.INTEGER, 0L, List.of(),
            "Requests a key may send at once under server.rate_limit; 0 for twice the rate.");
    public static final Setting TLS_CERT = new Setting("server.tls_cert", Type.STRING, "", List.of(),
            "PEM certificate chain to serve HTTPS and gRPC over TLS with; empty for cleartext.");
    public static final Setting TLS_KEY = new Setting("server.tls_key", Type.STRING, "", List.of(),
            "PEM (PKCS#8) private key of server.tls_cert.");

    public static final List<Setting> ALL = List.of(HOST, PORT, MAX_BODY_BYTES, DRAIN_TIMEOUT_MS, ENGINE_THREADS,
            SEARCH_THREADS, INSECURE, CORS_ORIGINS, RATE_LIMIT, RATE_BURST, TLS_CERT, TLS_KEY);

    private ServerSettings() {
    }

    /**
     * The server's configuration from validated values by key.
     *
     * @param keysFile the API key file of the database the server serves
     * @throws ConfigException when the values do not make a valid configuration, naming the key
     */
    @SuppressWarnings("unchecked")
    public static ServerConfig serverConfig(Map<String, Object> values, Path keysFile) {
        try {
            String certificate = (String) values.get(TLS_CERT.key());
            String key = (String) values.get(TLS_KEY.key());
            if (certificate.isEmpty() != key.isEmpty()) {
                throw new IllegalArgumentException("give both server.tls_cert and server.tls_key, or neither");
            }
            long rate = (Long) values.get(RATE_LIMIT.key());
            long burst = (Long) values.get(RATE_BURST.key());
            long searchThreads = (Long) values.get(SEARCH_THREADS.key());
            if (searchThreads < 0) {
                throw new IllegalArgumentException(SEARCH_THREADS.key() + " must be 0 (one per core) or more, got "
                        + searchThreads);
            }
            return new ServerConfig((String) values.get(HOST.key()), Math.toIntExact((Long) values.get(PORT.key())),
                    (Long) values.get(MAX_BODY_BYTES.key()), Duration.ofMillis((Long) values.get(DRAIN_TIMEOUT_MS.key())),
                    Math.toIntExact((Long) values.get(ENGINE_THREADS.key())),
                    searchThreads == 0 ? Runtime.getRuntime().availableProcessors() : Math.toIntExact(searchThreads),
                    keysFile,
                    (Boolean) values.get(INSECURE.key()), (List<String>) values.get(CORS_ORIGINS.key()),
                    rate == 0 ? RateLimit.UNLIMITED : new RateLimit(rate, Math.toIntExact(burst == 0 ? 2 * rate : burst)),
                    certificate.isEmpty() ? null : new Tls(Path.of(certificate), Path.of(key)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigException("server settings: " + e.getMessage());
        }
    }
}
