package io.proximadb.index.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class QuantizersTest {

    @Test
    void namesAreCheckedAndTheErrorListsTheKnownOnes() {
        assertThat(Quantizers.checkName(" SQ8 ")).isEqualTo("sq8");
        assertThat(Quantizers.checkName("PQ", "hnsw")).isEqualTo("pq");
        assertThatThrownBy(() -> Quantizers.checkName("pq4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown quantizer 'pq4', known: none, sq8, pq, binary");
        assertThatThrownBy(() -> Quantizers.checkName("lvq", "ivf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ivf quantizer 'lvq', known: none, sq8, pq, binary");
    }

    @Test
    void noneTrainsNothingAndTheOthersTheirKind() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(20, 16, 1);
        var kernels = VectorKernelsProvider.best();
        var options = new QuantizerOptions(4, 7, 1);
        assertThat(Quantizers.train("none", Metric.L2, values, kernels, options)).isNull();
        assertThat(Quantizers.train("sq8", Metric.L2, values, kernels, options).formatId()).isEqualTo(1);
        assertThat(Quantizers.train("binary", Metric.L2, values, kernels, options).formatId()).isEqualTo(2);
        Quantizer pq = Quantizers.train("pq", Metric.L2, values, kernels, options);
        assertThat(pq.formatId()).isEqualTo(3);
        assertThat(pq.bytesPerVector()).as("pq_m bytes").isEqualTo(4);
    }

    @Test
    void codeSizesAreExactExceptForPqWhoseSubspacesAreInItsParameters() throws IndexFormatException {
        assertThat(Quantizers.codeBytes(1, Metric.L2, 16)).isEqualTo(new Quantizers.CodeBytes(20, 20));
        assertThat(Quantizers.codeBytes(1, Metric.DOT, 16)).isEqualTo(new Quantizers.CodeBytes(16, 16));
        assertThat(Quantizers.codeBytes(3, Metric.L2, 16)).isEqualTo(new Quantizers.CodeBytes(1, 16));
    }

    @Test
    void anUnknownIdInAFileIsAFormatError() {
        assertThatThrownBy(() -> Quantizers.read(4, Metric.L2, 8, MemorySegment.ofArray(new byte[64]), 0,
                VectorKernelsProvider.best()))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("unknown quantizer id 4");
    }
}
