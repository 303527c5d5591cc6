package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if Vert.x's blocked-thread checker warned while it ran: an event loop held
 * for more than its limit means engine work leaked onto it.
 */
public final class NoBlockedThreads implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoBlockedThreads.class);

    /** Collects the checker's warnings ("Thread ... has been blocked for ... ms"). */
    static final class Listener extends Handler {
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getLevel().intValue() >= Level.WARNING.intValue() && message != null
                    && message.contains("has been blocked for")) {
                warnings.add(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Listener listener = new Listener();
        Logger.getLogger("").addHandler(listener);
        context.getStore(NAMESPACE).put(Listener.class, listener);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Listener listener = context.getStore(NAMESPACE).remove(Listener.class, Listener.class);
        Logger.getLogger("").removeHandler(listener);
        assertThat(listener.warnings).as("Vert.x blocked-thread warnings").isEmpty();
    }
}
