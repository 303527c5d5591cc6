package io.proximadb.server.workers;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * The two worker pools that run engine calls, so that no engine call runs on an event loop.
 *
 * <p>Searches get a pool of their own, as large as the machine has cores: a search is CPU-bound,
 * so running more at once than there are cores only slices each one's time among the others and
 * stretches every latency, while a first-come, first-served queue in front of the pool lets each
 * search run to its end once started. Writes wait on the log's group commit, which is I/O, and a
 * larger pool makes larger commit groups; they, and every other call, run on the other pool, where
 * they never queue behind searches.
 *
 * <p>Tasks are submitted unordered: requests are independent, and ordering would serialise them on
 * the submitting event loop's context.
 */
public final class EngineWorkers {

    private final WorkerExecutor searches;
    private final WorkerExecutor others;

    private EngineWorkers(WorkerExecutor searches, WorkerExecutor others) {
        this.searches = searches;
        this.others = others;
    }

    /** Creates the pools: {@code searchThreads} for searches, {@code engineThreads} for the rest. */
    public static EngineWorkers create(Vertx vertx, int searchThreads, int engineThreads) {
        return new EngineWorkers(vertx.createSharedWorkerExecutor("proxima-search", searchThreads),
                vertx.createSharedWorkerExecutor("proxima-engine", engineThreads));
    }

    /** Runs a search (or any other CPU-bound read) on the search pool. */
    public <T> Future<T> search(Callable<T> work) {
        return searches.executeBlocking(work, false);
    }

    /** Runs any other engine call (writes, catalog changes, reads of one record) on the engine pool. */
    public <T> Future<T> run(Callable<T> work) {
        return others.executeBlocking(work, false);
    }

    /** Closes both pools; work already queued still runs. */
    public Future<Void> close() {
        return Future.join(searches.close(), others.close()).mapEmpty();
    }
}
