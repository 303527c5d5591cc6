package io.proximadb.server.http;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.server.config.ServerConfig;
import java.nio.file.Path;

/** {@code proxima serve} without the command line's flag parsing: a child JVM for shutdown tests. */
public final class ChildServerMain {

    private ChildServerMain() {
    }

    /** {@code args[0]}: the data directory. Listens on a free loopback port and logs which. */
    public static void main(String[] args) {
        ServerLogging.install();
        System.exit(ServerRunner.run(ServerConfig.defaults().withPort(0),
                ProximaConfig.defaults().withDataDirectory(Path.of(args[0]))));
    }
}
