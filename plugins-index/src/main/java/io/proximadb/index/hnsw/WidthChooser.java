package io.proximadb.index.hnsw;

/** Chooses a query's beam width from what its walk found so far ({@link AdaptiveSearch}). */
@FunctionalInterface
public interface WidthChooser {

    /** The width to finish the walk with; values below k are raised to k. */
    int width(WalkProbe probe);
}
