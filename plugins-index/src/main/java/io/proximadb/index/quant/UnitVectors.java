package io.proximadb.index.quant;

/**
 * Normalisation for cosine: quantizers encode and score unit vectors, so that cosine ranks as a
 * dot product. A zero vector stays zero.
 */
public final class UnitVectors {

    private UnitVectors() {
    }

    /**
     * {@code 1 / |vector|}, or 0 for a zero vector. A plain double loop rather than a SIMD kernel:
     * the Vector API's lane reduction may round differently before and after the JIT compiles it,
     * and indexes store these values, whose bytes must not depend on that.
     */
    public static float inverseNorm(float[] vector) {
        double squares = 0;
        for (float x : vector) {
            squares += (double) x * x;
        }
        return squares == 0 ? 0f : (float) (1 / Math.sqrt(squares));
    }

    /** {@code vector / |vector|} into {@code into} (which may be {@code vector}); returns {@code into}. */
    public static float[] normalise(float[] vector, float[] into) {
        float scale = inverseNorm(vector);
        for (int i = 0; i < vector.length; i++) {
            into[i] = vector[i] * scale;
        }
        return into;
    }
}
