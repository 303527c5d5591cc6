package io.proximadb.cli;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.server.config.RateLimit;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.config.ServerSettings;
import io.proximadb.server.config.Tls;
import io.proximadb.server.http.ServerLogging;
import io.proximadb.server.http.ServerRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the server in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the ProximaDB server: the REST API under /v1, /healthz and /readyz, on one port, "
                + "over the database in the data directory (./data unless --data-dir or data_dir says otherwise). "
                + "No configuration file is needed. Logs JSON lines on standard error, one per request too.",
                "SIGTERM or Ctrl-C stops it gracefully: it stops accepting, drains the requests in flight, closes "
                + "the database (syncing its logs) and exits 0."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    PluginOptions options;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    // Flags have no defaults here: a flag left out keeps what the configuration file, the
    // environment or the built-in default says ([server] in proxima.toml, docs/configuration.md).

    @Option(names = "--port", description = "The TCP port (default: server.port, 7700).")
    Integer port;

    @Option(names = "--host", description = "The address to bind (default: server.host, 127.0.0.1: this machine "
            + "only). Any other address needs API keys (proxima keys create) unless --insecure is given.")
    String host;

    @Option(names = "--insecure", description = "Allow listening beyond loopback with no API key: only behind a proxy "
            + "that authenticates.")
    Boolean insecure;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
            description = "Browser origins allowed to call the API, such as https://app.example.com, or * (default: none).")
    java.util.List<String> corsOrigins;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve HTTPS (and gRPC over TLS) with this certificate chain; needs --tls-key.")
    java.nio.file.Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PKCS#8 PEM, unencrypted).")
    java.nio.file.Path tlsKey;

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "Requests a second allowed per API key, answered 429 with Retry-After beyond it "
                    + "(default: server.rate_limit, 0: no limit).")
    Double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N",
            description = "Requests a key may send at once under --rate-limit (default: twice the rate, at least 1).")
    Integer rateBurst;

    @Option(names = "--max-body-bytes", description = "Request bodies above this are refused with 413 "
            + "(default: server.max_body_bytes, 32 MiB).")
    Long maxBodyBytes;

    private ProximaConfig database;

    @Override
    public Integer call() {
        ServerLogging.install();
        ServerConfig server = serverConfig();
        return ServerRunner.run(server, database);
    }

    /** The file, the environment and --set first, then the flags given here. */
    ServerConfig serverConfig() {
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give both --tls-cert and --tls-key, or neither");
        }
        java.util.Map<String, Object> values = options.values(ServerSettings.ALL);
        database = options.config(values);
        ServerConfig server = ServerSettings.serverConfig(values, KeysCommand.keyFile(database));
        if (host != null) {
            server = server.withHost(host);
        }
        if (port != null) {
            server = server.withPort(port);
        }
        if (maxBodyBytes != null) {
            server = server.withMaxBodyBytes(maxBodyBytes);
        }
        if (insecure != null) {
            server = server.withInsecure(insecure);
        }
        if (corsOrigins != null) {
            server = server.withCorsOrigins(corsOrigins);
        }
        if (rateLimit != null) {
            int burst = rateBurst != null ? rateBurst : (int) Math.max(1, Math.ceil(rateLimit * 2));
            server = server.withRateLimit(rateLimit > 0 ? new RateLimit(rateLimit, burst) : RateLimit.UNLIMITED);
        } else if (rateBurst != null && server.rateLimit().enabled()) {
            server = server.withRateLimit(new RateLimit(server.rateLimit().perSecond(), rateBurst));
        }
        if (tlsCertificate != null) {
            server = server.withTls(new Tls(tlsCertificate, tlsKey));
        }
        return server;
    }

    /** The database's configuration that {@link #serverConfig} read along. */
    ProximaConfig database() {
        return database;
    }
}
