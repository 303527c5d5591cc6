package io.proximadb.spi.vector;

/**
 * Plain Java kernels: the reference the SIMD kernels are tested against, and the fallback where
 * the Vector API is not available. Loops are unrolled by four with separate accumulators, which
 * lets the JIT keep four independent dependency chains in flight.
 */
public final class ScalarVectorKernels implements VectorKernels {

    public static final ScalarVectorKernels INSTANCE = new ScalarVectorKernels();

    private ScalarVectorKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = a.length & ~3; i < bound; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float squaredL2(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = a.length & ~3; i < bound; i += 4) {
            float d0 = a[i] - b[i];
            float d1 = a[i + 1] - b[i + 1];
            float d2 = a[i + 2] - b[i + 2];
            float d3 = a[i + 3] - b[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < a.length; i++) {
            float d = a[i] - b[i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float cosine(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        float dot = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return cosineFrom(dot, normA, normB);
    }

    @Override
    public float manhattan(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        float s0 = 0, s1 = 0;
        int i = 0;
        for (int bound = a.length & ~1; i < bound; i += 2) {
            s0 += Math.abs(a[i] - b[i]);
            s1 += Math.abs(a[i + 1] - b[i + 1]);
        }
        for (; i < a.length; i++) {
            s0 += Math.abs(a[i] - b[i]);
        }
        return s0 + s1;
    }

    static float cosineFrom(float dot, float normA, float normB) {
        double denominator = Math.sqrt((double) normA * (double) normB);
        return denominator == 0 ? 0f : (float) (dot / denominator);
    }
}
