package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AxisFormatTest {

    private static final SegmentFeatures FEATURES = new SegmentFeatures(3_000, 32, Metric.COSINE, 0.125, 17.25, 1.5,
            0.875, 10);

    @Test
    void aHeaderRoundTripsWithItsTuningAndFeaturesAndIsPaddedTo64Bytes() throws IndexFormatException {
        AxisFormat.Header header = new AxisFormat.Header(FEATURES, new Candidate("hnsw", 16, "sq8"), "onnx",
                new Tuning(48, -0.4, 0.9625), Map.of("m", "16", "quantizer", "sq8", "seed", "7"));
        ByteBuffer bytes = AxisFormat.encode(header);
        assertThat(bytes.remaining() % 64).isZero();
        MemorySegment stored = MemorySegment.ofBuffer(bytes);
        AxisFormat.Header read = AxisFormat.decode(stored, 32, 3_000, Metric.COSINE);
        assertThat(read).isEqualTo(header);
        assertThat(AxisFormat.size(stored)).isEqualTo(bytes.remaining());
    }

    @Test
    void aFixedEffortHasNoOffsetAfterReading() throws IndexFormatException {
        AxisFormat.Header header = new AxisFormat.Header(FEATURES, new Candidate("ivf", 0, "none"), "rules (asked for)",
                Tuning.fixed(12), Map.of());
        AxisFormat.Header read = AxisFormat.decode(MemorySegment.ofBuffer(AxisFormat.encode(header)), 32, 3_000, Metric.COSINE);
        assertThat(read.tuning().adaptive()).isFalse();
        assertThat(read.tuning().effort()).isEqualTo(12);
    }

    @Test
    void aDamagedHeaderOrOneForOtherVectorsIsRefusedNamingAxis() {
        byte[] bytes = AxisFormat.encode(new AxisFormat.Header(FEATURES, new Candidate("flat", 0, "none"), "onnx",
                Tuning.fixed(0), Map.of())).array();
        byte[] flipped = bytes.clone();
        flipped[30] ^= 1;
        assertThatThrownBy(() -> AxisFormat.decode(MemorySegment.ofArray(flipped), 32, 3_000, Metric.COSINE))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("axis").hasMessageContaining("checksum");
        assertThatThrownBy(() -> AxisFormat.decode(MemorySegment.ofArray(bytes), 32, 2_999, Metric.COSINE))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("2999");
        byte[] newer = bytes.clone();
        newer[4] = 9;
        assertThatThrownBy(() -> AxisFormat.decode(MemorySegment.ofArray(newer), 32, 3_000, Metric.COSINE))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("version 9");
    }
}
