package io.proximadb.index.hnsw;

import java.util.Map;

/**
 * The index contract for {@code hnsw} with a narrow graph (m = 8, two build threads), where
 * neighbour lists overflow constantly and the heuristic prunes on almost every insertion; a wider
 * beam at query time keeps recall up.
 */
class HnswNarrowGraphIndexTest extends HnswIndexTest {

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("m", "8", "ef_construction", "40", "build_threads", "2");
    }

    @Override
    protected Map<String, String> searchParams() {
        return Map.of("ef", "200");
    }
}
