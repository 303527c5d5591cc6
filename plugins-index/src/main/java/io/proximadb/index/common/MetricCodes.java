package io.proximadb.index.common;

import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;

/**
 * The int that stands for a {@link Metric} in a persisted index header. Shared by the hnsw
 * ({@code HnswFormat}) and ivf ({@code IvfFormat}) formats, which use the same codes; the codes
 * are persisted, so they never change: a new metric takes a new code.
 */
public final class MetricCodes {

    private MetricCodes() {
    }

    /** The persisted code of {@code metric}. */
    public static int code(Metric metric) {
        return switch (metric) {
            case L2 -> 1;
            case COSINE -> 2;
            case DOT -> 3;
            case MANHATTAN -> 4;
        };
    }

    /**
     * The metric a persisted code stands for.
     *
     * @param index the index's name, as the error names it ({@code "hnsw"}, {@code "ivf"})
     * @throws IndexFormatException when the code is unknown
     */
    public static Metric metric(int code, String index) throws IndexFormatException {
        return switch (code) {
            case 1 -> Metric.L2;
            case 2 -> Metric.COSINE;
            case 3 -> Metric.DOT;
            case 4 -> Metric.MANHATTAN;
            default -> throw new IndexFormatException(index + " index has unknown metric code " + code);
        };
    }
}
