package io.proximadb.index.hnsw;

/**
 * The neighbour-selection heuristic, Algorithm 4 of Malkov and Yashunin as hnswlib implements it
 * ({@code getNeighborsByHeuristic2}: no candidate extension, no refill with pruned links). Taking
 * candidates nearest first, a candidate is kept only if it is nearer to the base node than to
 * every node already kept. Links then point in diverse directions, which keeps clustered data
 * navigable where plain "nearest M" leaves clusters disconnected.
 */
final class NeighborSelector {

    private final VectorDistance distance;

    NeighborSelector(VectorDistance distance) {
        this.distance = distance;
    }

    /**
     * Chooses at most {@code max} of the first {@code count} candidates, which must be sorted by
     * their distance to the base node, nearest first.
     *
     * @param into          receives the chosen nodes, nearest first
     * @param intoDistances receives their distances to the base node
     * @param vector        scratch for one prepared vector
     * @return how many were chosen
     */
    int select(int[] nodes, float[] distances, int count, int max, int[] into, float[] intoDistances, float[] vector) {
        if (count <= max) {
            System.arraycopy(nodes, 0, into, 0, count);
            System.arraycopy(distances, 0, intoDistances, 0, count);
            return count;
        }
        int kept = 0;
        for (int i = 0; i < count && kept < max; i++) {
            float[] candidate = distance.prepareNode(nodes[i], vector);
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                if (distance.distance(candidate, into[j]) < distances[i]) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                into[kept] = nodes[i];
                intoDistances[kept++] = distances[i];
            }
        }
        return kept;
    }
}
