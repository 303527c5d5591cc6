package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@link NoBlockedThreads} would be worthless if it never heard the checker: block a loop and listen. */
class NoBlockedThreadsSelfTest {

    @Test
    void theListenerHearsTheBlockedThreadChecker() throws Exception {
        NoBlockedThreads.Listener listener = new NoBlockedThreads.Listener();
        Logger.getLogger("").addHandler(listener);
        Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(20)
                .setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        try {
            vertx.runOnContext(ignored -> sleep(300));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (listener.warnings.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(listener.warnings).isNotEmpty();
        } finally {
            Logger.getLogger("").removeHandler(listener);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
