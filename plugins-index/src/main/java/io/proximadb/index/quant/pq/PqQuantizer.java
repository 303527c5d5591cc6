package io.proximadb.index.quant.pq;

import io.proximadb.index.cluster.PointSet;
import io.proximadb.index.quant.Quantizer;
import io.proximadb.index.quant.QuantizerOptions;
import io.proximadb.index.quant.QueryScorer;
import io.proximadb.index.quant.UnitVectors;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Product quantization of whole vectors ({@code pq}) as a {@link Quantizer}: {@code m} bytes a
 * vector, the index of the nearest of 256 codewords in each of {@code m} sub-spaces (see
 * {@link ProductQuantizer}). For cosine the unit vectors are encoded and the query is normalised,
 * and the distance is half the squared L2 distance between them, {@code |q̂ − x̂|² / 2}, which is
 * {@code 1 − cos} for unit vectors: a code error {@code e} then counts as {@code (x̂ − q̂)·e}, small
 * for near neighbours, where in {@code 1 − q̂·x̂} it would count as {@code q̂·e}, which is not (on
 * the contract's clustered data recall@10 0.98 against 0.80; IVF-PQ ranks the same way).
 *
 * <p>IVF-PQ encodes residuals with its own table trick (see the ivf package); this encodes the
 * vectors themselves, which is what a graph walk needs: any node may be scored, not just the
 * members of a list. Trained by k-means on a seeded random sample of at most
 * {@value PqTrainer#MAX_TRAINING_POINTS} vectors.
 */
public final class PqQuantizer implements Quantizer {

    public static final String NAME = "pq";
    public static final int FORMAT_ID = 3;
    /** Bytes before the codebooks in the parameter section: {@code m} and a reserved zero. */
    static final int PARAMETER_HEADER_BYTES = 8;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Metric metric;
    /** Tables for {@link #metric}, or for l2 when it is cosine (see the class comment). */
    private final ProductQuantizer pq;

    PqQuantizer(Metric metric, ProductQuantizer pq) {
        this.metric = metric;
        this.pq = pq.metric() == tableMetric(metric) ? pq : pq.withMetric(tableMetric(metric));
    }

    private static Metric tableMetric(Metric metric) {
        return metric == Metric.COSINE ? Metric.L2 : metric;
    }

    /**
     * Trains {@code options.pqM()} sub-spaces (or {@link #defaultSubspaces}) on a seeded sample of
     * {@code values}; with no vectors the codebooks are zeros, so that an empty index still has a
     * well-formed quantizer.
     *
     * @throws IllegalArgumentException when {@code pq_m} does not divide the dimension, naming the divisors
     */
    public static PqQuantizer train(Metric metric, VectorValues values, QuantizerOptions options, VectorKernels kernels) {
        int dimension = values.dimension();
        int m = options.pqM() != 0 ? options.pqM() : defaultSubspaces(dimension);
        ProductQuantizer.checkSubspaces(dimension, m);
        if (values.size() == 0) {
            return new PqQuantizer(metric, new ProductQuantizer(dimension, m, new float[dimension * ProductQuantizer.CODEWORDS],
                    tableMetric(metric)));
        }
        int[] sample = sample(values.size(), Math.min(values.size(), PqTrainer.MAX_TRAINING_POINTS), options.seed());
        PointSet points = new PointSet() {
            @Override
            public int size() {
                return sample.length;
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public void read(int index, float[] into) {
                float[] vector = values.vector(sample[index]);
                if (metric == Metric.COSINE) {
                    UnitVectors.normalise(vector, into);
                } else {
                    System.arraycopy(vector, 0, into, 0, dimension);
                }
                for (int i = 0; i < dimension; i++) {
                    if (!Float.isFinite(into[i])) {
                        throw new IllegalArgumentException("pq cannot quantize vector " + sample[index]
                                + ": dimension " + i + " is not finite");
                    }
                }
            }
        };
        return new PqQuantizer(metric, PqTrainer.train(points, m, tableMetric(metric), options.seed(), options.threads(),
                kernels));
    }

    /**
     * The divisor of {@code dimension} nearest to {@code dimension / 4} (ties to the larger):
     * sub-spaces of about 4 floats, a byte of code per 16 bytes of float32; 784 gives 196, 768
     * gives 192, 128 gives 32. Fewer sub-spaces make smaller codes and coarser distances.
     */
    public static int defaultSubspaces(int dimension) {
        double target = dimension / 4.0;
        int best = 1;
        for (int d = 1; d <= dimension; d++) {
            if (dimension % d == 0 && Math.abs(d - target) <= Math.abs(best - target)) {
                best = d;
            }
        }
        return best;
    }

    /** {@code size} distinct ordinals of {@code 0 … count-1}, uniformly at random (a partial Fisher–Yates shuffle). */
    private static int[] sample(int count, int size, long seed) {
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
        return java.util.Arrays.copyOf(ordinals, size);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int formatId() {
        return FORMAT_ID;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int dimension() {
        return pq.dimension();
    }

    /** {@code m}: the sub-spaces. */
    public int subspaces() {
        return pq.subspaces();
    }

    /** One byte per sub-space. */
    @Override
    public int bytesPerVector() {
        return pq.subspaces();
    }

    @Override
    public void encode(float[] vector, MemorySegment into, long offset) {
        if (vector.length != pq.dimension()) {
            throw new IllegalArgumentException("vector has dimension " + vector.length + ", the quantizer " + pq.dimension());
        }
        float[] x = metric == Metric.COSINE ? UnitVectors.normalise(vector, new float[vector.length]) : vector;
        byte[] code = new byte[pq.subspaces()];
        pq.encode(x, code, 0, new float[ProductQuantizer.CODEWORDS]);
        MemorySegment.copy(code, 0, into, ValueLayout.JAVA_BYTE, offset, code.length);
    }

    @Override
    public QueryScorer newScorer() {
        return new PqScorer(pq, metric == Metric.COSINE);
    }

    /**
     * Four times {@code k}, and at least the beam: PQ distances err by the codewords' spread in
     * every sub-space, more than {@code sq8}'s steps, so the true neighbours sit further down the
     * approximate order (IVF-PQ's default is the same 4k).
     */
    @Override
    public int defaultRerank(int k, int ef) {
        return (int) Math.min(1 << 20, Math.max((long) ef, 4L * k));
    }

    @Override
    public int parameterBytes() {
        return (int) parameterBytes(pq.dimension());
    }

    /** {@code m} (u32), a reserved zero (u32), then {@code dimension × 256} f32 codebooks: the same for every {@code m}. */
    public static long parameterBytes(int dimension) {
        return PARAMETER_HEADER_BYTES + (long) dimension * ProductQuantizer.CODEWORDS * Float.BYTES;
    }

    @Override
    public void writeParameters(MemorySegment into, long offset) {
        into.set(INT, offset, pq.subspaces());
        into.set(INT, offset + 4, 0);
        float[] codebooks = pq.codebooks();
        MemorySegment.copy(codebooks, 0, into, FLOAT, offset + PARAMETER_HEADER_BYTES, codebooks.length);
    }

    /** Reads what {@link #writeParameters} wrote: an {@code m} that divides the dimension, finite codewords. */
    public static PqQuantizer read(Metric metric, int dimension, MemorySegment from, long offset) throws IndexFormatException {
        int m = from.get(INT, offset);
        int reserved = from.get(INT, offset + 4);
        if (m < 1 || m > dimension || dimension % m != 0 || reserved != 0) {
            throw new IndexFormatException("pq parameters are invalid: " + Integer.toUnsignedString(m)
                    + " sub-spaces (reserved " + reserved + ") for dimension " + dimension);
        }
        float[] codebooks = new float[dimension * ProductQuantizer.CODEWORDS];
        MemorySegment.copy(from, FLOAT, offset + PARAMETER_HEADER_BYTES, codebooks, 0, codebooks.length);
        for (int i = 0; i < codebooks.length; i++) {
            if (!Float.isFinite(codebooks[i])) {
                throw new IndexFormatException("pq codebook value " + i + " is not finite: " + codebooks[i]);
            }
        }
        return new PqQuantizer(metric, new ProductQuantizer(dimension, m, codebooks, tableMetric(metric)));
    }

    @Override
    public long memoryBytes() {
        return pq.memoryBytes();
    }
}
