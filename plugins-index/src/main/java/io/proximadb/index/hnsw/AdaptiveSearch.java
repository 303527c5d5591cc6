package io.proximadb.index.hnsw;

import io.proximadb.spi.index.Neighbor;
import java.util.List;
import java.util.Map;

/**
 * An hnsw index searched with the beam width chosen per query (in the spirit of learned adaptive
 * early termination, Li et al., SIGMOD 2020): the walk runs at a probe width until it ends or
 * has computed a budget of distances, a {@link WidthChooser} sees how it went, and the walk
 * finishes with the width chosen, so that an easy query stops there and a hard one searches on.
 * The walk is the same walk throughout; nothing is computed twice.
 */
public interface AdaptiveSearch {

    /** Whether {@link #searchAdaptive} works here: a walk on float32 vectors, with no quantizer. */
    boolean adaptive();

    /**
     * The {@code k} nearest vectors to {@code query}, nearest first, with no filter.
     *
     * @param probeDistances distances to compute at most before asking {@code chooser}
     * @param probeWidth     the walk's width until then; when it ended there and {@code chooser}
     *                       asks no wider, the search is done
     * @param excluded       a node the walk treats as absent from the graph (never computed, entered
     *                       or returned), or -1: a vector of the graph searched as a query it has
     *                       never seen, which calibration needs (its own links would make it easy)
     * @throws IllegalArgumentException on a wrong dimension or a non-positive k
     * @throws IllegalStateException    if the index is not {@link #adaptive()}
     */
    List<Neighbor> searchAdaptive(float[] query, int k, long probeDistances, int probeWidth, WidthChooser chooser,
                                  int excluded);

    /**
     * {@link io.proximadb.spi.index.VectorIndex#search} with no filter and {@code excluded} treated
     * as absent from the graph (see {@link #searchAdaptive}); works with a quantizer too.
     */
    List<Neighbor> searchWithout(float[] query, int k, Map<String, String> params, int excluded);
}
