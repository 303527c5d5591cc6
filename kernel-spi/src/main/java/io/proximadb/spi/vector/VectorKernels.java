package io.proximadb.spi.vector;

/**
 * Float32 distance kernels, the innermost loops of every search.
 *
 * <p>Both arrays must have the same length; implementations check it and throw
 * {@link IllegalArgumentException} otherwise. Stateless and thread-safe. Choose an implementation
 * with {@link VectorKernelsProvider#best()}.
 */
public interface VectorKernels {

    /** A short name for logs: {@code scalar} or {@code panama-<bits>}. */
    String name();

    float dot(float[] a, float[] b);

    float squaredL2(float[] a, float[] b);

    /** Cosine similarity; 0 when either vector is all zeros. */
    float cosine(float[] a, float[] b);

    /** Sum of absolute differences. */
    float manhattan(float[] a, float[] b);

    static void checkLengths(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + " and " + b.length);
        }
    }
}
