package io.proximadb.bench.ann;

import io.proximadb.bench.progress.ElapsedTicker;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.Map;

/**
 * The timed builds of one of our series ({@code --builds}): each a fresh index over the same
 * vectors, the previous one closed first; the fastest time is kept, as the fastest pass is, and
 * the last index is the one searched. Before the first, a warm-up build over the first
 * {@code --build-warm-up} vectors is made and dropped, for the JIT.
 */
final class OurBuild implements AutoCloseable {

    private final IndexRun run;
    private final VectorIndexFactory factory;
    private final Map<String, String> buildParams;
    private final IndexSpec spec;
    private final VectorKernels kernels;
    private final InMemoryVectors vectors;
    private final int warmUp;
    private VectorIndex index;
    private double fastestSeconds = Double.POSITIVE_INFINITY;

    OurBuild(IndexRun run, VectorIndexFactory factory, AnnOptions options, InMemoryVectors vectors) {
        this.run = run;
        this.factory = factory;
        this.buildParams = run.buildParams(options);
        this.spec = new IndexSpec(vectors.dimension(), Metric.L2, buildParams);
        this.kernels = VectorKernelsProvider.best();
        this.vectors = vectors;
        this.warmUp = Math.min(options.buildWarmUp(), vectors.size());
    }

    /** Build {@code number} of {@code of}. */
    void build(int number, int of) {
        boolean first = fastestSeconds == Double.POSITIVE_INFINITY;
        if (first && warmUp > 0) {
            try (ElapsedTicker ticker = new ElapsedTicker("warm-up build " + run.index() + " over " + warmUp + " vectors");
                 VectorIndex dropped = factory.build(spec, vectors.first(warmUp), kernels)) {
                // Built for the JIT's sake only, and dropped at once.
            }
        }
        if (index != null) {
            index.close(); // its memory goes back before the next build takes its own
            index = null;
        }
        String label = "build " + run.index() + " " + buildParams + (of == 1 ? "" : " (" + number + " of " + of + ")");
        try (ElapsedTicker ticker = new ElapsedTicker(label)) {
            index = factory.build(spec, vectors, kernels);
            fastestSeconds = Math.min(fastestSeconds, ticker.elapsedSeconds());
        }
    }

    IndexRun run() {
        return run;
    }

    Map<String, String> buildParams() {
        return buildParams;
    }

    VectorKernels kernels() {
        return kernels;
    }

    double fastestSeconds() {
        return fastestSeconds;
    }

    /** The last build's index, now the caller's to close. */
    VectorIndex takeIndex() {
        if (index == null) {
            throw new IllegalStateException("nothing built for " + run.index() + " " + buildParams);
        }
        VectorIndex taken = index;
        index = null;
        return taken;
    }

    /** Closes an index built and not taken (a run that failed half way). */
    @Override
    public void close() {
        if (index != null) {
            index.close();
            index = null;
        }
    }
}
