package io.proximadb.index.quant.sq8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.index.quant.QueryScorer;
import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.QuantizedKernels;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** What {@code sq8} promises: bounded decode error, and scorers that compute the distance to the decoded vector. */
class Sq8QuantizerTest {

    private static final QuantizedKernels KERNELS = VectorKernelsProvider.best().quantized();

    @Property(tries = 60)
    void everyTrainingVectorDecodesWithinHalfAStep(@ForAll @IntRange(min = 1, max = 200) int dimension,
                                                   @ForAll @IntRange(min = 1, max = 60) int count, @ForAll long seed) {
        IndexFixtures.ArrayValues values = spread(count, dimension, seed);
        Sq8Quantizer quantizer = Sq8Quantizer.train(Metric.L2, values, KERNELS);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = arena.allocate(quantizer.bytesPerVector());
            for (int v = 0; v < count; v++) {
                float[] vector = values.vector(v);
                quantizer.encode(vector, code, 0);
                for (int i = 0; i < dimension; i++) {
                    float decoded = quantizer.decode(code.get(ValueLayout.JAVA_BYTE, i), i);
                    // Half a step, plus the float rounding of computing the step.
                    float bound = quantizer.scale(i) / 2 + 1e-5f * (Math.abs(vector[i]) + quantizer.scale(i) * 256);
                    assertThat(Math.abs(decoded - vector[i])).as("dimension %d of vector %d", i, v).isLessThanOrEqualTo(bound);
                }
            }
        }
    }

    @Property(tries = 80)
    void scorersComputeTheMetricToTheDecodedVector(@ForAll @IntRange(min = 1, max = 150) int dimension,
                                                   @ForAll @IntRange(min = 0, max = 3) int metricIndex, @ForAll long seed) {
        Metric metric = Metric.values()[metricIndex];
        IndexFixtures.ArrayValues values = spread(20, dimension, seed);
        Sq8Quantizer quantizer = Sq8Quantizer.train(metric, values, KERNELS);
        float[] query = IndexFixtures.randomQueries(1, dimension, seed + 1)[0];
        QueryScorer scorer = quantizer.newScorer();
        scorer.setQuery(query);
        float[] unitQuery = metric == Metric.COSINE ? unit(query) : query;
        int stride = quantizer.bytesPerVector();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment codes = arena.allocate((long) stride * values.size() + 3);
            for (int v = 0; v < values.size(); v++) {
                quantizer.encode(values.vector(v), codes, 3 + (long) v * stride);
            }
            float[] four = new float[4];
            scorer.distances(codes, 3 + 5L * stride, 3, 3 + 19L * stride, 3 + 5L * stride, four);
            for (int v = 0; v < values.size(); v++) {
                long at = 3 + (long) v * stride;
                float[] decoded = new float[dimension];
                for (int i = 0; i < dimension; i++) {
                    decoded[i] = quantizer.decode(codes.get(ValueLayout.JAVA_BYTE, at + i), i);
                }
                // For cosine the codes hold the normalised vector, so the metric on decoded codes
                // is a dot product of (nearly) unit vectors: 1 - q̂·x̂.
                float expected = metric == Metric.COSINE
                        ? 1 - ScalarVectorKernels.INSTANCE.dot(unitQuery, decoded)
                        : metric.distance(ScalarVectorKernels.INSTANCE, query, decoded);
                // The scorer expands the metric around the codes' offsets (|q − o|² + |x̂ − o|² − 2 ...),
                // so its float error is relative to the size of those terms, not of the result.
                double terms = 0;
                for (int i = 0; i < dimension; i++) {
                    double size = Math.abs(unitQuery[i]) + Math.abs(quantizer.offset[i]) + Math.abs(decoded[i]);
                    terms += size * size;
                }
                float tolerance = (float) (1e-5 * terms + 1e-4 * Math.abs(expected));
                assertThat(scorer.distance(codes, at)).as("%s, vector %d", metric, v).isCloseTo(expected, Offset.offset(tolerance));
            }
            assertThat(four[0]).isEqualTo(four[3]).isCloseTo(scorer.distance(codes, 3 + 5L * stride), Offset.offset(1e-3f * (1 + Math.abs(four[0]))));
            assertThat(four[1]).isCloseTo(scorer.distance(codes, 3), Offset.offset(1e-3f * (1 + Math.abs(four[1]))));
        }
    }

    /**
     * Kernels that prefer int8 queries (native ones do) make the scorer round its weights to bytes
     * with one scale {@code a = 127 / max |w_i|}: every distance then moves from the float one by at
     * most {@code Σ |c_i| / 2a} per product it takes (two for l2), plus float rounding.
     */
    @Property(tries = 80)
    void roundedQueriesStayWithinTheirRoundingBound(@ForAll @IntRange(min = 1, max = 150) int dimension,
                                                    @ForAll @IntRange(min = 0, max = 2) int metricIndex, @ForAll long seed)
            throws IndexFormatException {
        Metric metric = Metric.values()[metricIndex];
        assertThat(metric).isNotEqualTo(Metric.MANHATTAN);
        IndexFixtures.ArrayValues values = spread(12, dimension, seed);
        Sq8Quantizer exact = Sq8Quantizer.train(metric, values, KERNELS);
        Sq8Quantizer rounded = withKernels(exact, preferringInt8Queries(KERNELS));
        float[] query = IndexFixtures.randomQueries(1, dimension, seed + 1)[0];
        QueryScorer exactScorer = exact.newScorer();
        QueryScorer roundedScorer = rounded.newScorer();
        exactScorer.setQuery(query);
        roundedScorer.setQuery(query);
        float[] q = metric == Metric.COSINE ? unit(query) : query;
        float largestWeight = 0;
        for (int i = 0; i < dimension; i++) {
            float weight = (metric == Metric.L2 ? q[i] - exact.offset[i] : q[i]) * exact.scale(i);
            largestWeight = Math.max(largestWeight, Math.abs(weight));
        }
        int stride = exact.bytesPerVector();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment codes = arena.allocate((long) stride * values.size());
            for (int v = 0; v < values.size(); v++) {
                exact.encode(values.vector(v), codes, (long) v * stride);
            }
            float[] four = new float[4];
            roundedScorer.distances(codes, 0, stride, 2L * stride, 3L * stride, four);
            for (int v = 0; v < values.size(); v++) {
                long at = (long) v * stride;
                double codeMass = 0;
                for (int i = 0; i < dimension; i++) {
                    codeMass += Math.abs(codes.get(ValueLayout.JAVA_BYTE, at + i));
                }
                double bound = (metric == Metric.L2 ? 2 : 1) * codeMass * largestWeight / 254;
                float expected = exactScorer.distance(codes, at);
                float tolerance = (float) (bound + 1e-4 * (1 + Math.abs(expected)) + 1e-5 * codeMass * largestWeight);
                assertThat(roundedScorer.distance(codes, at)).as("%s, vector %d", metric, v)
                        .isCloseTo(expected, Offset.offset(tolerance));
                if (v < 4) {
                    assertThat(four[v]).isCloseTo(roundedScorer.distance(codes, at), Offset.offset(1e-3f * (1 + Math.abs(four[v]))));
                }
            }
        }
    }

    /** A query at the codes' offset has all its l2 weights zero: the rounded path must not divide by zero. */
    @Test
    void aQueryWhoseWeightsAreAllZeroScoresAsTheFloatPathDoes() throws IndexFormatException {
        IndexFixtures.ArrayValues values = spread(6, 9, 3);
        Sq8Quantizer exact = Sq8Quantizer.train(Metric.L2, values, KERNELS);
        Sq8Quantizer rounded = withKernels(exact, preferringInt8Queries(KERNELS));
        QueryScorer exactScorer = exact.newScorer();
        QueryScorer roundedScorer = rounded.newScorer();
        exactScorer.setQuery(exact.offset.clone());
        roundedScorer.setQuery(exact.offset.clone());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = arena.allocate(exact.bytesPerVector());
            exact.encode(values.vector(2), code, 0);
            float distance = roundedScorer.distance(code, 0);
            assertThat(distance).isFinite().isEqualTo(exactScorer.distance(code, 0));
        }
    }

    /** {@code kernels} as they are, but saying they prefer int8 queries, as native ones do. */
    private static QuantizedKernels preferringInt8Queries(QuantizedKernels kernels) {
        return (QuantizedKernels) Proxy.newProxyInstance(QuantizedKernels.class.getClassLoader(),
                new Class<?>[] {QuantizedKernels.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("prefersInt8Queries")) {
                        return true;
                    }
                    try {
                        return method.invoke(kernels, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The same quantizer, read back from its parameters, computing with {@code kernels}. */
    private static Sq8Quantizer withKernels(Sq8Quantizer quantizer, QuantizedKernels kernels) throws IndexFormatException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parameters = arena.allocate(quantizer.parameterBytes());
            quantizer.writeParameters(parameters, 0);
            return Sq8Quantizer.read(quantizer.metric(), quantizer.dimension(), parameters, 0, kernels);
        }
    }

    @Test
    void aConstantDimensionDecodesExactlyAndOutliersAreClamped() {
        IndexFixtures.ArrayValues values = new IndexFixtures.ArrayValues(List.of(new float[] {5, 0}, new float[] {5, 255}), 2);
        Sq8Quantizer quantizer = Sq8Quantizer.train(Metric.L2, values, KERNELS);
        assertThat(quantizer.scale(0)).isZero();
        assertThat(quantizer.scale(1)).isEqualTo(1f);
        assertThat(quantizer.decode(quantizer.quantize(5, 0), 0)).isEqualTo(5f);
        assertThat(quantizer.decode(quantizer.quantize(1_000, 1), 1)).isEqualTo(255f);
        assertThat(quantizer.decode(quantizer.quantize(-9, 1), 1)).isEqualTo(0f);
        assertThat(quantizer.decode(quantizer.quantize(17.4f, 1), 1)).isEqualTo(17f);
    }

    @Test
    void parametersReadBackGiveTheSameCodesAndBadOnesAreRefused() throws IndexFormatException {
        IndexFixtures.ArrayValues values = spread(30, 40, 7);
        Sq8Quantizer quantizer = Sq8Quantizer.train(Metric.DOT, values, KERNELS);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parameters = arena.allocate(quantizer.parameterBytes() + 1);
            quantizer.writeParameters(parameters, 1);
            Sq8Quantizer read = Sq8Quantizer.read(Metric.DOT, 40, parameters, 1, KERNELS);
            MemorySegment a = arena.allocate(quantizer.bytesPerVector());
            MemorySegment b = arena.allocate(quantizer.bytesPerVector());
            for (int v = 0; v < values.size(); v++) {
                quantizer.encode(values.vector(v), a, 0);
                read.encode(values.vector(v), b, 0);
                assertThat(a.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(b.toArray(ValueLayout.JAVA_BYTE));
            }
            parameters.set(Sq8Quantizer.FLOAT, 1 + 40 * 4 + 8, -1f);
            assertThatThrownBy(() -> Sq8Quantizer.read(Metric.DOT, 40, parameters, 1, KERNELS))
                    .isInstanceOf(IndexFormatException.class).hasMessageContaining("dimension 2");
        }
    }

    @Test
    void codesAreAByteADimensionPlusANormForL2() {
        assertThat(Sq8Quantizer.bytesPerVector(Metric.L2, 784)).isEqualTo(788);
        assertThat(Sq8Quantizer.bytesPerVector(Metric.COSINE, 784)).isEqualTo(784);
    }

    /** Vectors whose dimensions have very different ranges and offsets, as real data has. */
    private static IndexFixtures.ArrayValues spread(int count, int dimension, long seed) {
        Random random = new Random(seed);
        float[] centre = new float[dimension];
        float[] width = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            centre[i] = (float) (random.nextGaussian() * 10);
            width[i] = (float) Math.pow(10, random.nextInt(5) - 2);
        }
        List<float[]> vectors = new java.util.ArrayList<>();
        for (int v = 0; v < count; v++) {
            float[] vector = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                vector[i] = centre[i] + width[i] * (float) random.nextGaussian();
            }
            vectors.add(vector);
        }
        return new IndexFixtures.ArrayValues(vectors, dimension);
    }

    private static float[] unit(float[] vector) {
        return io.proximadb.index.quant.UnitVectors.normalise(vector, new float[vector.length]);
    }
}
