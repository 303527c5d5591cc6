package io.proximadb.index.quant.pq;

import io.proximadb.spi.record.Metric;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A product quantizer (Jégou, Douze and Schmid, 2011): the dimension is cut into {@code m} equal
 * sub-spaces, each with a codebook of {@value #CODEWORDS} codewords, and a vector is encoded as
 * the index of its nearest codeword in each sub-space, one byte each: {@code m} bytes a vector.
 *
 * <p>Distances are asymmetric (ADC): the query stays exact, and per query a table of
 * {@code m × 256} floats holds its distance, in each sub-space, to every codeword; the distance to
 * an encoded vector is then the sum of {@code m} table lookups. This works for every metric whose
 * distance is a sum over coordinates:
 *
 * <ul>
 *   <li>{@link Metric#L2}: squared Euclidean parts, so the sum is the squared distance to the
 *       decoded vector;</li>
 *   <li>{@link Metric#DOT}: negated partial dot products ({@code -q·decoded});</li>
 *   <li>{@link Metric#MANHATTAN}: partial sums of absolute differences;</li>
 *   <li>{@link Metric#COSINE}: the query is normalised and the table holds negated partial dots,
 *       plus 1 folded into the first sub-space, so the sum is {@code 1 - q̂·decoded}: the cosine
 *       distance when the encoded vectors were unit vectors.</li>
 * </ul>
 *
 * Immutable and thread-safe; tables and codes are the caller's. Trained by {@link PqTrainer}.
 */
public final class ProductQuantizer {

    /** Codewords per sub-space: one byte of code. */
    public static final int CODEWORDS = 256;

    private static final ValueLayout.OfLong CODE_WORDS = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int dimension;
    private final int subspaces;
    private final int subDimension;
    private final Metric metric;
    /** {@code codebooks[(s × 256 + c) × subDimension + j]}: coordinate j of codeword c of sub-space s. */
    private final float[] codebooks;
    /** The same, sub-space and coordinate major: {@code transposed[(s × subDimension + j) × 256 + c]}. */
    private final float[] transposed;

    /**
     * @param codebooks {@code subspaces × 256 × (dimension / subspaces)} floats, laid out as
     *                  {@link #codebooks()} returns them; copied
     * @param metric    the metric {@link #distanceTable} prepares tables for
     */
    public ProductQuantizer(int dimension, int subspaces, float[] codebooks, Metric metric) {
        checkSubspaces(dimension, subspaces);
        if (codebooks.length != dimension * CODEWORDS) {
            throw new IllegalArgumentException("a product quantizer of dimension " + dimension + " needs " + dimension * CODEWORDS
                    + " codebook floats, got " + codebooks.length);
        }
        this.dimension = dimension;
        this.subspaces = subspaces;
        this.subDimension = dimension / subspaces;
        this.metric = java.util.Objects.requireNonNull(metric, "metric");
        this.codebooks = codebooks.clone();
        this.transposed = new float[codebooks.length];
        for (int s = 0; s < subspaces; s++) {
            for (int c = 0; c < CODEWORDS; c++) {
                for (int j = 0; j < subDimension; j++) {
                    transposed[(s * subDimension + j) * CODEWORDS + c] = codebooks[(s * CODEWORDS + c) * subDimension + j];
                }
            }
        }
    }

    /**
     * Checks that {@code subspaces} splits {@code dimension} evenly.
     *
     * @throws IllegalArgumentException naming both numbers and the divisors that would do
     */
    public static void checkSubspaces(int dimension, int subspaces) {
        if (subspaces < 1 || subspaces > dimension || dimension % subspaces != 0) {
            StringBuilder divisors = new StringBuilder();
            for (int d = 1; d <= dimension && divisors.length() < 120; d++) {
                if (dimension % d == 0) {
                    divisors.append(divisors.isEmpty() ? "" : ", ").append(d);
                }
            }
            throw new IllegalArgumentException("pq_m = " + subspaces + " does not divide the dimension " + dimension
                    + " into equal sub-spaces; choose one of: " + divisors);
        }
    }

    /** The same codebooks with tables for another metric. */
    public ProductQuantizer withMetric(Metric other) {
        return new ProductQuantizer(dimension, subspaces, codebooks, other);
    }

    public int dimension() {
        return dimension;
    }

    /** {@code m}: sub-spaces, and bytes per code. */
    public int subspaces() {
        return subspaces;
    }

    public Metric metric() {
        return metric;
    }

    /** Length of a distance table: {@code m × 256}. */
    public int tableLength() {
        return subspaces * CODEWORDS;
    }

    /** The codebooks, copied, sub-space major then codeword then coordinate. */
    public float[] codebooks() {
        return codebooks.clone();
    }

    /** Heap bytes held: the codebooks twice (as given and transposed). */
    public long memoryBytes() {
        return 2L * codebooks.length * Float.BYTES;
    }

    /** Encodes {@code vector} into {@code out[0 .. m-1]}. */
    public void encode(float[] vector, byte[] out) {
        encode(vector, out, 0, new float[CODEWORDS]);
    }

    /** Encodes {@code vector} into {@code out[offset .. offset+m-1]}, with a scratch of 256 floats. */
    public void encode(float[] vector, byte[] out, int offset, float[] scratch) {
        checkLength(vector);
        for (int s = 0; s < subspaces; s++) {
            java.util.Arrays.fill(scratch, 0, CODEWORDS, 0f);
            for (int j = 0; j < subDimension; j++) {
                float x = vector[s * subDimension + j];
                int base = (s * subDimension + j) * CODEWORDS;
                for (int c = 0; c < CODEWORDS; c++) {
                    float diff = x - transposed[base + c];
                    scratch[c] += diff * diff;
                }
            }
            int best = 0;
            for (int c = 1; c < CODEWORDS; c++) {
                if (scratch[c] < scratch[best]) {
                    best = c;
                }
            }
            out[offset + s] = (byte) best;
        }
    }

    /** The vector {@code codes[offset ..]} stands for: its codewords side by side. */
    public void decode(byte[] codes, int offset, float[] out) {
        checkLength(out);
        for (int s = 0; s < subspaces; s++) {
            int code = codes[offset + s] & 0xFF;
            System.arraycopy(codebooks, (s * CODEWORDS + code) * subDimension, out, s * subDimension, subDimension);
        }
    }

    /**
     * Fills {@code table[s × 256 + c]} with the query's distance part to codeword c of sub-space s,
     * under this quantizer's {@link #metric()}; see the class comment. Allocates nothing.
     */
    public void distanceTable(float[] query, float[] table) {
        checkLength(query);
        if (table.length < tableLength()) {
            throw new IllegalArgumentException("a distance table needs " + tableLength() + " floats, got " + table.length);
        }
        float scale = 1f;
        if (metric == Metric.COSINE) {
            double norm = 0;
            for (float x : query) {
                norm += x * x;
            }
            scale = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
        }
        java.util.Arrays.fill(table, 0, tableLength(), 0f);
        // One loop per metric, the metric outside: each inner loop runs over the 256 codewords of
        // one coordinate, unit stride, which the JIT turns into SIMD.
        switch (metric) {
            case L2 -> {
                for (int s = 0; s < subspaces; s++) {
                    for (int j = 0; j < subDimension; j++) {
                        float x = query[s * subDimension + j];
                        int base = (s * subDimension + j) * CODEWORDS;
                        int out = s * CODEWORDS;
                        for (int c = 0; c < CODEWORDS; c++) {
                            float diff = x - transposed[base + c];
                            table[out + c] += diff * diff;
                        }
                    }
                }
            }
            case MANHATTAN -> {
                for (int s = 0; s < subspaces; s++) {
                    for (int j = 0; j < subDimension; j++) {
                        float x = query[s * subDimension + j];
                        int base = (s * subDimension + j) * CODEWORDS;
                        int out = s * CODEWORDS;
                        for (int c = 0; c < CODEWORDS; c++) {
                            table[out + c] += Math.abs(x - transposed[base + c]);
                        }
                    }
                }
            }
            case DOT, COSINE -> {
                for (int s = 0; s < subspaces; s++) {
                    for (int j = 0; j < subDimension; j++) {
                        float x = query[s * subDimension + j] * scale;
                        int base = (s * subDimension + j) * CODEWORDS;
                        int out = s * CODEWORDS;
                        for (int c = 0; c < CODEWORDS; c++) {
                            table[out + c] -= x * transposed[base + c];
                        }
                    }
                }
            }
        }
        if (metric == Metric.COSINE) {
            for (int c = 0; c < CODEWORDS; c++) {
                table[c] += 1f;
            }
        }
    }

    /** The ADC distance of the code at {@code codes[offset ..]}: the sum of its m table entries. */
    public float distance(float[] table, byte[] codes, int offset) {
        // Four independent sums: the lookups are latency-bound, not the additions.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int s = 0;
        for (; s + 4 <= subspaces; s += 4) {
            int row = s * CODEWORDS;
            s0 += table[row + (codes[offset + s] & 0xFF)];
            s1 += table[row + CODEWORDS + (codes[offset + s + 1] & 0xFF)];
            s2 += table[row + 2 * CODEWORDS + (codes[offset + s + 2] & 0xFF)];
            s3 += table[row + 3 * CODEWORDS + (codes[offset + s + 3] & 0xFF)];
        }
        for (; s < subspaces; s++) {
            s0 += table[s * CODEWORDS + (codes[offset + s] & 0xFF)];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The ADC distance of the code stored at byte {@code offset} of {@code codes} (an index file,
     * read in place). Codes are read eight at a time as one little-endian long: one bounds check
     * per eight lookups instead of one per lookup.
     */
    public float distance(float[] table, MemorySegment codes, long offset) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int s = 0;
        for (; s + 8 <= subspaces; s += 8) {
            long w = codes.get(CODE_WORDS, offset + s);
            int row = s * CODEWORDS;
            s0 += table[row + (int) (w & 0xFF)];
            s1 += table[row + CODEWORDS + (int) ((w >>> 8) & 0xFF)];
            s2 += table[row + 2 * CODEWORDS + (int) ((w >>> 16) & 0xFF)];
            s3 += table[row + 3 * CODEWORDS + (int) ((w >>> 24) & 0xFF)];
            s0 += table[row + 4 * CODEWORDS + (int) ((w >>> 32) & 0xFF)];
            s1 += table[row + 5 * CODEWORDS + (int) ((w >>> 40) & 0xFF)];
            s2 += table[row + 6 * CODEWORDS + (int) ((w >>> 48) & 0xFF)];
            s3 += table[row + 7 * CODEWORDS + (int) (w >>> 56)];
        }
        for (; s < subspaces; s++) {
            s0 += table[s * CODEWORDS + (codes.get(ValueLayout.JAVA_BYTE, offset + s) & 0xFF)];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void checkLength(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + vector.length + ", the quantizer has dimension "
                    + dimension);
        }
    }
}
