package io.proximadb.index.hnsw;

/**
 * What an hnsw walk has found part way through one query, for a {@link WidthChooser} to judge how
 * hard the query is: how near its best results are, and how far the walk's frontier still lies
 * beyond them. Distances are the index's own (squared L2, 1 - cosine, L1, or -dot).
 *
 * @param k             the results the query asks for
 * @param computed      distances computed so far on layer 0
 * @param entryDistance the distance of layer 0's entry node, where the greedy descent ended
 * @param nearest       the nearest result so far
 * @param kth           the k-th nearest result so far (the farthest, with fewer than k)
 * @param frontier      the nearest candidate not yet expanded (infinite when none is left)
 */
public record WalkProbe(int k, long computed, float entryDistance, float nearest, float kth, float frontier) {
}
