package io.proximadb.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class AnnFilterTest {

    /** Forty base vectors on a line, labels alternating; one query at 0 with label 0. */
    private static AnnDataset line() {
        float[][] base = new float[40][];
        byte[] labels = new byte[40];
        for (int i = 0; i < base.length; i++) {
            base[i] = new float[] {i};
            labels[i] = (byte) (i % 2);
        }
        return new AnnDataset("line", base, labels, new float[][] {{0}}, new byte[] {0}, new int[][] {{0, 1, 2}},
                new int[][] {{0, 2, 4}});
    }

    @Test
    void theOnePercentFilterKeepsEveryTenthOfTheQuerysLabelAndFindsItsTrueNeighboursByScan() {
        AnnDataset data = line();
        IntPredicate accept = AnnFilter.SAME_LABEL_1PCT.predicates(data, 1)[0];
        assertThat(accept.test(0)).isTrue();
        assertThat(accept.test(10)).isTrue();
        assertThat(accept.test(2)).isFalse();
        assertThat(accept.test(5)).isFalse();
        assertThat(AnnFilter.SAME_LABEL_1PCT.truth(data, 1, 3, VectorKernelsProvider.best())[0]).containsExactly(0, 10, 20);
        assertThat(AnnFilter.SAME_LABEL.truth(data, 1, 3, VectorKernelsProvider.best())).isSameAs(data.gtSameLabel());
        assertThat(AnnFilter.NONE.predicates(data, 1)[0]).isNull();
    }

    @Test
    void namesAndSuffixes() {
        assertThat(AnnFilter.of("same-label-1pct").suffix()).isEqualTo("-same-label-1pct");
        assertThat(AnnFilter.of("none").suffix()).isEmpty();
        assertThatThrownBy(() -> AnnFilter.of("half")).hasMessageContaining("known: none, same-label, same-label-1pct");
    }
}
