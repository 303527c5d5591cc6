package io.proximadb.server.http;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Process-wide logging for {@code proxima serve}: JSON lines on standard error, Vert.x included. */
public final class ServerLogging {

    private ServerLogging() {
    }

    /**
     * Routes Vert.x's logging through {@code java.util.logging} and formats the root handler's
     * output with {@link JsonLogFormatter}. Call it first thing in {@code main}, before Vert.x
     * starts. An operator's own {@code java.util.logging.config.file} is left alone.
     */
    public static void install() {
        if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
            System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
        }
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new JsonLogFormatter());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
    }
}
