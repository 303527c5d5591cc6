package io.proximadb.spi.index;

/**
 * What a collection's searches have looked like since it was opened, for an index that plans for
 * its workload (the engine hands it to {@link VectorIndexFactory#build(IndexSpec, VectorValues,
 * io.proximadb.spi.vector.VectorKernels, QueryWorkload)} for each new segment).
 *
 * @param queries          searches observed
 * @param meanK            their mean k; 0 when none
 * @param filteredShare    the share of them with a metadata filter
 * @param meanSelectivity  over the segments filtered searches met, the mean share of a segment's
 *                         vectors the filter accepted; {@code NaN} when none was filtered
 * @param queriesPerSecond searches per second since the first one; 0 when none
 */
public record QueryWorkload(long queries, double meanK, double filteredShare, double meanSelectivity,
                            double queriesPerSecond) {

    /** No search observed yet. */
    public static final QueryWorkload NONE = new QueryWorkload(0, 0, 0, Double.NaN, 0);
}
