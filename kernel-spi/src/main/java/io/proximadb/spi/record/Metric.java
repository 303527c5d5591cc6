package io.proximadb.spi.record;

import io.proximadb.spi.vector.VectorKernels;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a collection measures closeness.
 *
 * <p>Ranking always uses a <em>distance</em>, lower is closer, so that one heap and one merge serve
 * every metric. Users see a <em>score</em> in the metric's natural direction:
 *
 * <table>
 *   <caption>score per metric</caption>
 *   <tr><th>metric</th><th>score</th><th>better</th></tr>
 *   <tr><td>l2</td><td>Euclidean distance</td><td>lower</td></tr>
 *   <tr><td>cosine</td><td>cosine similarity in [-1, 1]</td><td>higher</td></tr>
 *   <tr><td>dot</td><td>inner product</td><td>higher</td></tr>
 *   <tr><td>manhattan</td><td>sum of absolute differences</td><td>lower</td></tr>
 * </table>
 */
public enum Metric {
    L2("l2", false),
    COSINE("cosine", true),
    DOT("dot", true),
    MANHATTAN("manhattan", false);

    private final String configName;
    private final boolean higherIsBetter;

    Metric(String configName, boolean higherIsBetter) {
        this.configName = configName;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name used in configuration and APIs: {@code l2}, {@code cosine}, {@code dot}, {@code manhattan}. */
    public String configName() {
        return configName;
    }

    /** Whether a larger score means a closer match. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The ranking distance between two vectors of equal length: lower is closer. */
    public float distance(VectorKernels kernels, float[] a, float[] b) {
        return switch (this) {
            case L2 -> kernels.squaredL2(a, b);
            case COSINE -> 1f - kernels.cosine(a, b);
            case DOT -> -kernels.dot(a, b);
            case MANHATTAN -> kernels.manhattan(a, b);
        };
    }

    /** The ranking distance between {@code a} and the stored vector at byte {@code offset} of {@code b}. */
    public float distance(VectorKernels kernels, float[] a, java.lang.foreign.MemorySegment b, long offset) {
        return switch (this) {
            case L2 -> kernels.squaredL2(a, b, offset);
            case COSINE -> 1f - kernels.cosine(a, b, offset);
            case DOT -> -kernels.dot(a, b, offset);
            case MANHATTAN -> kernels.manhattan(a, b, offset);
        };
    }

    /** Turns a ranking distance of this metric into the score users see. */
    public float score(float distance) {
        return switch (this) {
            case L2 -> (float) Math.sqrt(distance);
            case COSINE -> 1f - distance;
            case DOT -> -distance;
            case MANHATTAN -> distance;
        };
    }

    /** Parses a configuration name, case-insensitively; the error lists the known names. */
    public static Metric fromName(String name) {
        for (Metric metric : values()) {
            if (metric.configName.equalsIgnoreCase(name)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'; known metrics: "
                + Arrays.stream(values()).map(Metric::configName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return configName.toLowerCase(Locale.ROOT);
    }
}
