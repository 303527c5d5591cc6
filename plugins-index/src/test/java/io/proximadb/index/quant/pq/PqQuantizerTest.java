package io.proximadb.index.quant.pq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.index.quant.QuantizerOptions;
import io.proximadb.index.quant.QueryScorer;
import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code pq} as a {@link io.proximadb.index.quant.Quantizer}: codes of the vectors, ADC scorers, parameters that round-trip. */
class PqQuantizerTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.best();
    private static final int DIMENSION = 16;

    @ParameterizedTest
    @EnumSource(Metric.class)
    void theScorerComputesTheMetricToTheDecodedVector(Metric metric) {
        IndexFixtures.ArrayValues values = IndexFixtures.random(600, DIMENSION, 3);
        PqQuantizer quantizer = PqQuantizer.train(metric, values, new QuantizerOptions(4, 5, 2), KERNELS);
        assertThat(quantizer.bytesPerVector()).isEqualTo(4);
        float[] query = IndexFixtures.randomQueries(1, DIMENSION, 9)[0];
        QueryScorer scorer = quantizer.newScorer();
        scorer.setQuery(query);
        ProductQuantizer plain = new ProductQuantizer(DIMENSION, 4, codebooks(quantizer), Metric.L2);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment codes = arena.allocate(4L * 50);
            float[] four = new float[4];
            for (int v = 0; v < 50; v++) {
                quantizer.encode(values.vector(v), codes, 4L * v);
                byte[] code = codes.asSlice(4L * v, 4).toArray(ValueLayout.JAVA_BYTE);
                float[] decoded = new float[DIMENSION];
                plain.decode(code, 0, decoded);
                float[] q = metric == Metric.COSINE ? unit(query) : query;
                float expected = metric.distance(ScalarVectorKernels.INSTANCE, q, decoded);
                if (metric == Metric.COSINE) {
                    // Codes of unit vectors, decoded not quite unit: half the squared distance, 1 − cos for unit vectors.
                    expected = ScalarVectorKernels.INSTANCE.squaredL2(q, decoded) / 2;
                }
                assertThat(scorer.distance(codes, 4L * v)).as("vector %d", v).isCloseTo(expected, Offset.offset(1e-4f));
            }
            scorer.distances(codes, 0, 4, 8, 4, four);
            assertThat(four[3]).isEqualTo(four[1]);
            assertThat(four[0]).isEqualTo(scorer.distance(codes, 0));
        }
    }

    @Test
    void encodingPicksTheNearestCodewordsSoTheErrorIsSmallerThanTheVectorsSpread() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(2_000, DIMENSION, 4);
        PqQuantizer quantizer = PqQuantizer.train(Metric.L2, values, new QuantizerOptions(8, 5, 1), KERNELS);
        ProductQuantizer plain = new ProductQuantizer(DIMENSION, 8, codebooks(quantizer), Metric.L2);
        double error = 0;
        double spread = 0;
        MemorySegment code = MemorySegment.ofArray(new byte[8]);
        for (int v = 0; v < 200; v++) {
            quantizer.encode(values.vector(v), code, 0);
            float[] decoded = new float[DIMENSION];
            plain.decode(code.toArray(ValueLayout.JAVA_BYTE), 0, decoded);
            error += ScalarVectorKernels.INSTANCE.squaredL2(values.vector(v), decoded);
            spread += ScalarVectorKernels.INSTANCE.squaredL2(values.vector(v), values.vector(v + 1));
        }
        assertThat(error).as("squared error of 2-d sub-spaces of 256 codewords").isLessThan(spread / 10);
    }

    @Test
    void parametersRoundTripAndBadOnesAreFormatErrors() throws IndexFormatException {
        IndexFixtures.ArrayValues values = IndexFixtures.random(300, DIMENSION, 5);
        PqQuantizer quantizer = PqQuantizer.train(Metric.DOT, values, new QuantizerOptions(2, 5, 1), KERNELS);
        assertThat(quantizer.parameterBytes()).isEqualTo(8 + DIMENSION * 256 * 4).isEqualTo((int) PqQuantizer.parameterBytes(DIMENSION));
        MemorySegment parameters = MemorySegment.ofArray(new byte[quantizer.parameterBytes() + 3]);
        quantizer.writeParameters(parameters, 3);
        PqQuantizer read = PqQuantizer.read(Metric.DOT, DIMENSION, parameters, 3);
        assertThat(read.subspaces()).isEqualTo(2);
        assertThat(codebooks(read)).isEqualTo(codebooks(quantizer));
        parameters.set(ValueLayout.JAVA_INT_UNALIGNED, 3, 3);
        assertThatThrownBy(() -> PqQuantizer.read(Metric.DOT, DIMENSION, parameters, 3))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("3 sub-spaces");
        parameters.set(ValueLayout.JAVA_INT_UNALIGNED, 3, 2);
        parameters.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 3 + 8 + 4 * 10, Float.NaN);
        assertThatThrownBy(() -> PqQuantizer.read(Metric.DOT, DIMENSION, parameters, 3))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("not finite");
    }

    @Test
    void emptyValuesGiveZeroCodebooksAndABadPqMIsExplained() {
        PqQuantizer empty = PqQuantizer.train(Metric.L2, IndexFixtures.random(0, DIMENSION, 1), new QuantizerOptions(0, 1, 1),
                KERNELS);
        assertThat(empty.subspaces()).as("default: sub-spaces of 4").isEqualTo(4);
        assertThat(codebooks(empty)).containsOnly(0f);
        assertThatThrownBy(() -> PqQuantizer.train(Metric.L2, IndexFixtures.random(10, DIMENSION, 1),
                new QuantizerOptions(3, 1, 1), KERNELS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pq_m = 3").hasMessageContaining("1, 2, 4, 8, 16");
    }

    private static float[] codebooks(PqQuantizer quantizer) {
        MemorySegment parameters = MemorySegment.ofArray(new byte[quantizer.parameterBytes()]);
        quantizer.writeParameters(parameters, 0);
        return parameters.asSlice(8).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED);
    }

    private static float[] unit(float[] v) {
        float norm = (float) Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
