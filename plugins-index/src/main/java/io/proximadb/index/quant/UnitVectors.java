package io.proximadb.index.quant;

/**
 * Normalisation for cosine: quantizers encode and score unit vectors, so that cosine ranks as a
 * dot product. A zero vector stays zero.
 */
public final class UnitVectors {

    private UnitVectors() {
    }

    /** {@code vector / |vector|} into {@code into} (which may be {@code vector}); returns {@code into}. */
    public static float[] normalise(float[] vector, float[] into) {
        double squares = 0;
        for (float x : vector) {
            squares += (double) x * x;
        }
        float scale = squares == 0 ? 0f : (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < vector.length; i++) {
            into[i] = vector[i] * scale;
        }
        return into;
    }
}
