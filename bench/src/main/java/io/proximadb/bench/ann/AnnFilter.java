package io.proximadb.bench.ann;

import io.proximadb.spi.vector.VectorKernels;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The metadata filters the harness searches under, as the predicate each query passes to the index
 * and the ground truth it is scored against.
 *
 * <ul>
 *   <li>{@code none}: no filter; the shared {@code gt.ivecs}.</li>
 *   <li>{@code same-label}: base vectors of the query's label, about 10 % of them; the shared
 *       {@code gt_same_label.ivecs}.</li>
 *   <li>{@code same-label-1pct}: of those, every tenth by ordinal ({@code ordinal % 10 == 0}),
 *       about 1 %, which is where a graph walk loses its way; the shared files do not cover it, so
 *       its exact neighbours are found here by a scan of the about 600 matches of each query.</li>
 * </ul>
 */
enum AnnFilter {
    NONE("none"), SAME_LABEL("same-label"), SAME_LABEL_1PCT("same-label-1pct");

    static final List<String> NAMES = Arrays.stream(values()).map(f -> f.name).toList();

    final String name;

    AnnFilter(String name) {
        this.name = name;
    }

    static AnnFilter of(String name) {
        for (AnnFilter filter : values()) {
            if (filter.name.equals(name)) {
                return filter;
            }
        }
        throw new IllegalArgumentException("unknown filter '" + name + "'; known: " + String.join(", ", NAMES));
    }

    /** What each query accepts, or {@code null} per query for no filter. */
    IntPredicate[] predicates(AnnDataset data, int queries) {
        IntPredicate[] predicates = new IntPredicate[queries];
        if (this == NONE) {
            return predicates;
        }
        byte[] baseLabels = data.baseLabels();
        for (int q = 0; q < queries; q++) {
            byte wanted = data.queryLabels()[q];
            predicates[q] = this == SAME_LABEL ? ordinal -> baseLabels[ordinal] == wanted
                    : ordinal -> baseLabels[ordinal] == wanted && ordinal % 10 == 0;
        }
        return predicates;
    }

    /** The true k nearest accepted base vectors of each query, nearest first. */
    int[][] truth(AnnDataset data, int queries, int k, VectorKernels kernels) {
        return switch (this) {
            case NONE -> data.gt();
            case SAME_LABEL -> data.gtSameLabel();
            case SAME_LABEL_1PCT -> {
                IntPredicate[] accept = predicates(data, queries);
                yield IntStream.range(0, queries).parallel().mapToObj(q -> IntStream.range(0, data.base().length)
                        .filter(accept[q]).boxed()
                        .sorted((a, b) -> Float.compare(kernels.squaredL2(data.queries()[q], data.base()[a]),
                                kernels.squaredL2(data.queries()[q], data.base()[b])))
                        .limit(k).mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
            }
        };
    }

    /** The suffix of its CSV files: none unfiltered, else {@code -<name>}. */
    String suffix() {
        return this == NONE ? "" : "-" + name;
    }
}
