package io.proximadb.index.hnsw;

/**
 * The neighbour-selection heuristic, Algorithm 4 of Malkov and Yashunin as hnswlib implements it
 * ({@code getNeighborsByHeuristic2}: no candidate extension, no refill with pruned links). Taking
 * candidates nearest first, a candidate is kept only if it is nearer to the base node than to
 * every node already kept. Links then point in diverse directions, which keeps clustered data
 * navigable where plain "nearest M" leaves clusters disconnected.
 *
 * <p>Whether a candidate is kept depends on the kept candidates nearer than it, and a pair passes
 * or fails the test whatever else is in the list. So a pair of links that both survived an earlier
 * run over the same base node passes again, and {@link #reselect} skips it: re-choosing a full list
 * after one newcomer arrives then computes only the newcomer's distances, and keeps exactly what
 * a run over every pair would keep.
 */
final class NeighborSelector {

    private final VectorDistance distance;

    NeighborSelector(VectorDistance distance) {
        this.distance = distance;
    }

    /**
     * Chooses at most {@code max} of the first {@code count} candidates, which must be sorted by
     * their distance to the base node, nearest first. Below {@code max} candidates, all are kept
     * unchecked. Each kept node is prepared once and the candidates are measured from those where
     * they lie: of up to {@code ef} candidates at most {@code max} are copied, where preparing each
     * candidate would copy them all.
     *
     * @param into          receives the chosen nodes, nearest first
     * @param intoDistances receives their distances to the base node
     * @param buffers       at least {@code max} arrays of the dimension, to prepare kept nodes in
     * @param prepared      at least {@code max} slots for the kept nodes' prepared vectors
     * @return how many were chosen
     */
    int select(int[] nodes, float[] distances, int count, int max, int[] into, float[] intoDistances, float[][] buffers,
            float[][] prepared) {
        if (count <= max) {
            System.arraycopy(nodes, 0, into, 0, count);
            System.arraycopy(distances, 0, intoDistances, 0, count);
            return count;
        }
        int kept = 0;
        for (int i = 0; i < count && kept < max; i++) {
            int node = nodes[i];
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                // Symmetric metrics: the kept node's distance to the candidate is the candidate's to it.
                if (distance.distance(prepared[j], node) < distances[i]) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                into[kept] = node;
                intoDistances[kept] = distances[i];
                // The last node kept is never measured from: no copy for it.
                if (kept + 1 < max) {
                    prepared[kept] = distance.prepareNode(node, buffers[kept]);
                }
                kept++;
            }
        }
        return kept;
    }

    /**
     * Re-chooses a list of {@code count} candidates sorted nearest first, where the candidates
     * flagged in {@code checked} were all kept by earlier runs over the same base node. Pairs of
     * such candidates are known to pass and are not measured again; a pair involving
     * {@code newcomer} is measured from {@code newcomerVector}, its prepared vector, so that
     * nothing needs copying when the newcomer is the only unchecked candidate.
     *
     * @param intoChecked receives, for each chosen node, whether it came in checked
     * @return how many were chosen, all of them now checked against each other
     */
    int reselect(int[] nodes, float[] distances, boolean[] checked, int count, int max, int[] into,
            float[] intoDistances, boolean[] intoChecked, int newcomer, float[] newcomerVector, float[] vector) {
        int kept = 0;
        for (int i = 0; i < count && kept < max; i++) {
            int node = nodes[i];
            boolean nodeChecked = checked[i];
            float[] candidate = node == newcomer ? newcomerVector : null;
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                if (nodeChecked && intoChecked[j]) {
                    continue;
                }
                float between;
                if (candidate == null && into[j] == newcomer) {
                    // Symmetric metrics: measured from the newcomer, nothing is copied.
                    between = distance.distance(newcomerVector, node);
                } else {
                    if (candidate == null) {
                        candidate = distance.prepareNode(node, vector);
                    }
                    between = distance.distance(candidate, into[j]);
                }
                if (between < distances[i]) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                into[kept] = node;
                intoDistances[kept] = distances[i];
                intoChecked[kept] = nodeChecked;
                kept++;
            }
        }
        return kept;
    }

    /**
     * Insertion sort of the parallel arrays by distance: a list re-chosen before is already sorted
     * and gains its appended links at the end, so this is close to linear.
     */
    static void sortNearestFirst(int[] nodes, float[] distances, boolean[] checked, int count) {
        for (int i = 1; i < count; i++) {
            int node = nodes[i];
            float distance = distances[i];
            boolean isChecked = checked[i];
            int j = i - 1;
            while (j >= 0 && distances[j] > distance) {
                nodes[j + 1] = nodes[j];
                distances[j + 1] = distances[j];
                checked[j + 1] = checked[j];
                j--;
            }
            nodes[j + 1] = node;
            distances[j + 1] = distance;
            checked[j + 1] = isChecked;
        }
    }
}
