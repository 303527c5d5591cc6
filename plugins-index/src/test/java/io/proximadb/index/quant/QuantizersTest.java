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
        assertThatThrownBy(() -> Quantizers.checkName("pq4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown quantizer 'pq4', known: none, sq8, binary");
    }

    @Test
    void noneTrainsNothingAndTheOthersTheirKind() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(20, 16, 1);
        var kernels = VectorKernelsProvider.best().quantized();
        assertThat(Quantizers.train("none", Metric.L2, values, kernels)).isNull();
        assertThat(Quantizers.train("sq8", Metric.L2, values, kernels).formatId()).isEqualTo(1);
        assertThat(Quantizers.train("binary", Metric.L2, values, kernels).formatId()).isEqualTo(2);
    }

    @Test
    void anUnknownIdInAFileIsAFormatError() {
        assertThatThrownBy(() -> Quantizers.read(3, Metric.L2, 8, MemorySegment.ofArray(new byte[64]), 0,
                VectorKernelsProvider.best().quantized()))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("unknown quantizer id 3");
    }
}
