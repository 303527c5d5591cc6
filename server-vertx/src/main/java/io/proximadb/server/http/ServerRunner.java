package io.proximadb.server.http;

import io.proximadb.api.ProximaDB;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.server.config.ServerConfig;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a server in the foreground until SIGTERM or SIGINT, then shuts it down gracefully: what
 * {@code proxima serve} does after parsing its flags.
 */
public final class ServerRunner {

    private static final System.Logger LOG = System.getLogger("io.proximadb.server");

    private ServerRunner() {
    }

    /**
     * Starts, logs where it listens and where the data lives, waits for a termination signal (or a
     * database that fails to open), then drains and closes.
     *
     * @return the process exit status: 0 after a clean stop, 1 if the database failed to open or close
     */
    public static int run(ServerConfig config, ProximaConfig databaseConfig) {
        CountDownLatch stop = new CountDownLatch(1);
        boolean signals = TerminationSignals.install(stop::countDown);
        Path data = databaseConfig.dataDirectory().toAbsolutePath().normalize();
        ProximaServer server = ProximaServer.start(config, () -> ProximaDB.open(databaseConfig));
        // A safety net for exits that bypass the signal handler (System.exit elsewhere, SIGHUP).
        Thread hook = new Thread(server::close, "proxima-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.log(Level.INFO, "listening on {0} (REST under /v1, health at /healthz and /readyz); data in {1}",
                server.uri(), data);
        logAuthentication(server, config);
        AtomicBoolean failed = new AtomicBoolean();
        server.readiness().whenComplete((ready, error) -> {
            if (error == null) {
                LOG.log(Level.INFO, "ready: the database in {0} is open and recovered", data);
            } else {
                failed.set(true);
                stop.countDown();
            }
        });
        awaitUninterruptibly(stop);
        LOG.log(Level.INFO, "shutting down: draining requests for up to {0} s, then closing the database",
                config.drainTimeout().toSeconds());
        try {
            server.close();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "closing the database failed: " + e.getMessage(), e);
            return 1;
        } finally {
            removeHook(hook);
        }
        LOG.log(Level.INFO, "stopped; the database is closed and its logs are synced{0}",
                signals ? "" : " (stopped by a shutdown hook)");
        return failed.get() ? 1 : 0;
    }

    private static void logAuthentication(ProximaServer server, ServerConfig config) {
        String keys = config.keysFile() == null ? "" : "; API keys in " + config.keysFile().toAbsolutePath();
        if (server.authenticationRequired()) {
            LOG.log(Level.INFO, "authentication is on: every /v1 request needs Authorization: Bearer <key>{0}", keys);
        } else if (Loopback.is(config.host())) {
            LOG.log(Level.INFO, "authentication is off (no API key yet): the server is reachable from this machine "
                    + "only; it turns on when the first key is created (proxima keys create){0}", keys);
        } else {
            LOG.log(Level.WARNING, "authentication is off and the server listens on {0} (--insecure): anyone who can "
                    + "reach it can read and write every collection; a proxy must guard it{1}", config.host(), keys);
        }
    }

    /** Only a signal or a failed open ends the foreground wait; an interrupt is kept for whoever comes next. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook finds the server closed and returns at once.
        }
    }
}
