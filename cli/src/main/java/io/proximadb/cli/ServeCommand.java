package io.proximadb.cli;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.server.config.RateLimit;
import io.proximadb.server.config.ServerConfig;
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

    @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "The TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only). Any other address "
                    + "needs API keys (proxima keys create) unless --insecure is given.")
    String host;

    @Option(names = "--insecure", description = "Allow listening beyond loopback with no API key: only behind a proxy "
            + "that authenticates.")
    boolean insecure;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
            description = "Browser origins allowed to call the API, such as https://app.example.com, or * (default: none).")
    java.util.List<String> corsOrigins = java.util.List.of();

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve HTTPS (and gRPC over TLS) with this certificate chain; needs --tls-key.")
    java.nio.file.Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PKCS#8 PEM, unencrypted).")
    java.nio.file.Path tlsKey;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "0",
            description = "Requests a second allowed per API key, answered 429 with Retry-After beyond it "
                    + "(default: 0, no limit).")
    double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", defaultValue = "0",
            description = "Requests a key may send at once under --rate-limit (default: twice the rate, at least 1).")
    int rateBurst;

    @Option(names = "--max-body-bytes", defaultValue = "" + ServerConfig.DEFAULT_MAX_BODY_BYTES,
            description = "Request bodies above this are refused with 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Override
    public Integer call() {
        ServerLogging.install();
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give both --tls-cert and --tls-key, or neither");
        }
        ProximaConfig database = options.config();
        int burst = rateBurst > 0 ? rateBurst : (int) Math.max(1, Math.ceil(rateLimit * 2));
        ServerConfig server = ServerConfig.defaults().withHost(host).withPort(port).withMaxBodyBytes(maxBodyBytes)
                .withKeysFile(KeysCommand.keyFile(database)).withInsecure(insecure).withCorsOrigins(corsOrigins)
                .withRateLimit(rateLimit > 0 ? new RateLimit(rateLimit, burst) : RateLimit.UNLIMITED)
                .withTls(tlsCertificate == null ? null : new Tls(tlsCertificate, tlsKey));
        return ServerRunner.run(server, database);
    }
}
