package io.proximadb.index.hnsw;

/**
 * Draws each node's top layer, {@code floor(-ln(u) * mL)} with {@code u} uniform in (0, 1] and
 * {@code mL = 1/ln(M)}. The draw for a node depends only on the seed and the node's ordinal, not
 * on which thread inserts it or when, so parallel builds agree on the layers and the file's size.
 */
final class Levels {

    /** Layers above this are never drawn; with M = 2 the chance of reaching it is 2^-60. */
    static final int MAX_LEVEL = 60;

    private Levels() {
    }

    static byte[] draw(int count, double multiplier, long seed) {
        byte[] levels = new byte[count];
        for (int node = 0; node < count; node++) {
            // SplitMix64 finaliser of (seed, node): a counter-based stream, no shared state.
            long z = seed + (node + 1L) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            double uniform = ((z >>> 11) + 1) * 0x1.0p-53;
            levels[node] = (byte) Math.min(MAX_LEVEL, (int) (-Math.log(uniform) * multiplier));
        }
        return levels;
    }
}
