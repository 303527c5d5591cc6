package io.proximadb.cli;

import io.proximadb.server.config.ServerConfig;
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

    @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "The TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only; authentication is not "
                    + "implemented yet, so bind another address only behind a proxy that guards it).")
    String host;

    @Option(names = "--max-body-bytes", defaultValue = "" + ServerConfig.DEFAULT_MAX_BODY_BYTES,
            description = "Request bodies above this are refused with 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Override
    public Integer call() {
        ServerLogging.install();
        ServerConfig server = ServerConfig.defaults().withHost(host).withPort(port).withMaxBodyBytes(maxBodyBytes);
        return ServerRunner.run(server, options.config());
    }
}
