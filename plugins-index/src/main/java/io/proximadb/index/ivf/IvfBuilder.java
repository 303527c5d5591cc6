package io.proximadb.index.ivf;

import io.proximadb.index.cluster.Centroids;
import io.proximadb.index.cluster.Clustering;
import io.proximadb.index.cluster.KMeans;
import io.proximadb.index.cluster.KMeansParams;
import io.proximadb.index.cluster.ParallelRange;
import io.proximadb.index.quant.Quantizer;
import io.proximadb.index.quant.Quantizers;
import io.proximadb.index.quant.UnitVectors;
import io.proximadb.index.quant.pq.PqTrainer;
import io.proximadb.index.quant.pq.ProductQuantizer;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds an ivf index straight into its file layout, off-heap:
 *
 * <ol>
 *   <li>draws a seeded random sample of the vectors and trains {@code nlist} centroids on it with
 *       k-means (unit vectors for cosine);</li>
 *   <li>assigns every vector to its nearest centroid, in parallel, and writes the lists: offsets,
 *       ordinals (ascending within a list), and for IVF-Flat with cosine the inverse norms;</li>
 *   <li>for IVF-PQ, trains the product quantizer on the sample's residuals and writes the code of
 *       every vector's residual, in list order;</li>
 *   <li>for {@code sq8} and {@code binary}, trains the quantizer on the vectors (one pass, before
 *       the lists) and writes the code of every vector, in list order.</li>
 * </ol>
 *
 * Deterministic for a seed, whatever the number of threads.
 */
final class IvfBuilder {

    /**
     * Lloyd iterations of the coarse quantizer at most. On fashion-mnist (980 lists) the tenth
     * moves under 1 % of the sample, and recall at a given nprobe no longer changes measurably.
     */
    static final int COARSE_ITERATIONS = 10;
    /** Vectors per thread below which another assignment thread does not pay. */
    private static final int VECTORS_PER_THREAD = 512;

    private IvfBuilder() {
    }

    static IvfIndex build(VectorValues values, Metric metric, VectorKernels kernels, IvfParams params) {
        int count = values.size();
        int dimension = values.dimension();
        int nlist = count == 0 ? 0 : params.lists(count);
        boolean pq = params.quantizer() == IvfParams.Quantizer.PQ;
        int pqM = pq ? params.pqSubspaces(dimension) : 0;
        boolean cosine = metric == Metric.COSINE;
        // sq8 and binary train on the vectors themselves, not on residuals, so before the lists.
        Quantizer codes = params.quantizer().generic()
                ? Quantizers.train(params.quantizer().configName, metric, values, kernels, params.quantizerOptions())
                : null;
        IvfLayout layout = codes == null
                ? new IvfLayout(count, dimension, nlist, pqM, IvfLayout.hasEntryFloats(metric, params.quantizer()))
                : new IvfLayout(count, dimension, nlist, 0, false, codes.parameterBytes(), codes.bytesPerVector());
        Arena arena = Arena.ofShared();
        try {
            MemorySegment data = arena.allocate(layout.size, 64);
            Centroids centroids = new Centroids(data, layout.centroidsOffset, nlist, dimension, metric, kernels);
            int sampleSize = 0;
            int iterations = 0;
            ProductQuantizer quantizer = null;
            if (count > 0) {
                sampleSize = params.sample(nlist, count);
                SampledVectors sample = new SampledVectors(values, draw(count, sampleSize, params.seed()), cosine, kernels);
                Clustering clustering = KMeans.train(sample, metric, new KMeansParams(nlist, COARSE_ITERATIONS,
                        KMeansParams.DEFAULT_TOLERANCE, params.seed(), params.threads()), kernels);
                iterations = clustering.iterations();
                MemorySegment.copy(clustering.centroids(), 0, data, VectorKernels.STORED_FLOAT, layout.centroidsOffset,
                        clustering.centroids().length);
                int[] labels = new int[count];
                Arrays.fill(labels, -1);
                KMeans.assign(new SampledVectors(values, null, cosine, kernels), centroids, labels, new float[count],
                        params.threads());
                int[] ordinals = writeLists(data, layout, labels);
                if (cosine && !pq && codes == null) {
                    writeInverseNorms(data, layout, values, kernels, ordinals);
                }
                if (codes != null) {
                    writeCodes(data, layout, codes, values, ordinals, params.threads());
                }
                if (pq) {
                    quantizer = PqTrainer.train(new Residuals(sample, labels, clustering.centroids()), pqM,
                            tableMetric(metric), params.seed(), params.threads(), kernels);
                    writeCodes(data, layout, quantizer, values, metric, kernels, ordinals, labels, clustering.centroids(),
                            params.threads());
                }
            } else if (pq) {
                quantizer = new ProductQuantizer(dimension, pqM, new float[dimension * ProductQuantizer.CODEWORDS],
                        tableMetric(metric));
            }
            if (codes != null) {
                codes.writeParameters(data, layout.parametersOffset);
            }
            if (quantizer != null) {
                float[] codebooks = quantizer.codebooks();
                MemorySegment.copy(codebooks, 0, data, VectorKernels.STORED_FLOAT, layout.parametersOffset, codebooks.length);
            }
            IvfFormat.seal(data, layout, new IvfFormat.Header(dimension, count, metric, nlist, params.quantizer(), pqM,
                    sampleSize, params.seed(), iterations));
            // The build threads' writes are published with the index, whichever thread searches it.
            java.lang.invoke.VarHandle.releaseFence();
            return new IvfIndex(data, layout, metric, centroids,
                    new StoredVectors(metric, kernels, values, data, layout.floatsOffset), quantizer, codes, arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * The metric of IVF-PQ's tables: a dot product with the residual codes for l2, cosine and dot
     * (one table per query, see {@link IvfIndex}); manhattan's own, one table per list.
     */
    static Metric tableMetric(Metric metric) {
        return metric == Metric.MANHATTAN ? Metric.MANHATTAN : Metric.DOT;
    }

    /** {@code size} distinct ordinals of {@code 0 … count-1}, uniformly at random, in draw order. */
    static int[] draw(int count, int size, long seed) {
        int[] ordinals = new int[count];
        for (int i = 0; i < count; i++) {
            ordinals[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(count - i);
            int swap = ordinals[i];
            ordinals[i] = ordinals[j];
            ordinals[j] = swap;
        }
        return size == count ? ordinals : Arrays.copyOf(ordinals, size);
    }

    /** Writes the list offsets and the ordinals in list order; returns the ordinals. */
    private static int[] writeLists(MemorySegment data, IvfLayout layout, int[] labels) {
        int[] starts = new int[layout.nlist + 1];
        for (int label : labels) {
            starts[label + 1]++;
        }
        for (int list = 0; list < layout.nlist; list++) {
            starts[list + 1] += starts[list];
        }
        MemorySegment.copy(starts, 0, data, IvfFormat.INT, layout.listsOffset, starts.length);
        int[] cursor = Arrays.copyOf(starts, layout.nlist);
        int[] ordinals = new int[labels.length];
        for (int ordinal = 0; ordinal < labels.length; ordinal++) {
            ordinals[cursor[labels[ordinal]]++] = ordinal;
        }
        MemorySegment.copy(ordinals, 0, data, IvfFormat.INT, layout.ordinalsOffset, ordinals.length);
        return ordinals;
    }

    private static void writeInverseNorms(MemorySegment data, IvfLayout layout, VectorValues values, VectorKernels kernels,
                                          int[] ordinals) {
        SampledVectors raw = new SampledVectors(values, null, false, kernels);
        float[] vector = new float[values.dimension()];
        for (int position = 0; position < ordinals.length; position++) {
            raw.read(ordinals[position], vector);
            data.set(IvfFormat.FLOAT, layout.floatsOffset + (long) position * Float.BYTES, UnitVectors.inverseNorm(vector));
        }
    }

    /** Writes the {@code sq8} or {@code binary} code of each entry's vector, in list order. */
    private static void writeCodes(MemorySegment data, IvfLayout layout, Quantizer codes, VectorValues values, int[] ordinals,
                                   int threads) {
        long stride = layout.codeStride;
        ParallelRange.run(ordinals.length, threads, VECTORS_PER_THREAD, (from, to) -> {
            for (int position = from; position < to; position++) {
                codes.encode(values.vector(ordinals[position]), data, layout.codesOffset + position * stride);
            }
        });
    }

    /**
     * Writes each entry's code and, for l2 and cosine, its residual term: with {@code r̂} the
     * decoded residual and {@code c} the list's centroid, {@code 2 c·r̂ + |r̂|²} for l2 and half
     * of it for cosine, the part of {@code |q - c - r̂|²} that does not depend on the query.
     */
    private static void writeCodes(MemorySegment data, IvfLayout layout, ProductQuantizer quantizer, VectorValues values,
                                   Metric metric, VectorKernels kernels, int[] ordinals, int[] labels, float[] centroids,
                                   int threads) {
        SampledVectors all = new SampledVectors(values, null, metric == Metric.COSINE, kernels);
        int m = layout.pqM;
        int dimension = values.dimension();
        float termScale = metric == Metric.COSINE ? 0.5f : 1f;
        ParallelRange.run(ordinals.length, threads, VECTORS_PER_THREAD, (from, to) -> {
            float[] residual = new float[dimension];
            float[] decoded = new float[dimension];
            float[] scratch = new float[ProductQuantizer.CODEWORDS];
            byte[] code = new byte[m];
            for (int position = from; position < to; position++) {
                int ordinal = ordinals[position];
                int list = labels[ordinal];
                all.read(ordinal, residual);
                Residuals.subtract(residual, centroids, list);
                quantizer.encode(residual, code, 0, scratch);
                MemorySegment.copy(code, 0, data, ValueLayout.JAVA_BYTE, layout.codesOffset + (long) position * m, m);
                if (layout.floatsOffset >= 0) {
                    quantizer.decode(code, 0, decoded);
                    double term = 0;
                    for (int d = 0; d < dimension; d++) {
                        term += decoded[d] * (2.0 * centroids[list * dimension + d] + decoded[d]);
                    }
                    data.set(IvfFormat.FLOAT, layout.floatsOffset + (long) position * Float.BYTES, (float) (termScale * term));
                }
            }
        });
    }
}
