package io.proximadb.index.axis;

import io.proximadb.index.hnsw.HnswIndexFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One index configuration AXIS may choose: an index family with its build parameters, and the
 * search efforts it can be run at. Build parameters beyond these (ef_construction, the ivf list
 * count and training sample) are the indexes' own defaults, so a choice is reproducible from its
 * name alone.
 *
 * @param family    {@code flat}, {@code hnsw} or {@code ivf}: the index plugin that builds it
 * @param m         hnsw's links per node; 0 for the others
 * @param quantizer {@code none} or the quantizer whose codes the index searches
 */
public record Candidate(String family, int m, String quantizer) {

    public static final String FLAT = "flat";
    public static final String HNSW = "hnsw";
    public static final String IVF = "ivf";
    public static final String NONE = "none";

    /** hnsw's beam widths, smallest first; those below k are never used. */
    static final List<Integer> EFS = List.of(10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512);
    /** ivf's probed lists, smallest first. */
    static final List<Integer> NPROBES = List.of(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128);

    /** The configurations AXIS weighs for every segment, in a fixed order. */
    public static final List<Candidate> ALL = List.of(
            new Candidate(FLAT, 0, NONE),
            new Candidate(HNSW, 8, NONE),
            new Candidate(HNSW, 16, NONE),
            new Candidate(HNSW, 32, NONE),
            new Candidate(HNSW, 16, "sq8"),
            new Candidate(IVF, 0, NONE),
            new Candidate(IVF, 0, "sq8"),
            new Candidate(IVF, 0, "pq"));

    public Candidate {
        if (!List.of(FLAT, HNSW, IVF).contains(family)) {
            throw new IllegalArgumentException("unknown index family '" + family + "'; AXIS chooses among flat, hnsw, ivf");
        }
    }

    /** Parses {@link #toString()}: {@code flat}, {@code hnsw-m16}, {@code hnsw-m16-sq8}, {@code ivf-pq}. */
    public static Candidate parse(String name) {
        String[] parts = name.split("-");
        String family = parts[0];
        int m = 0;
        String quantizer = NONE;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].matches("m\\d+")) {
                m = Integer.parseInt(parts[i].substring(1));
            } else {
                quantizer = parts[i];
            }
        }
        return new Candidate(family, m, quantizer);
    }

    /** The search parameter its effort is passed as: {@code ef}, {@code nprobe}, or none for flat. */
    public String knob() {
        return switch (family) {
            case HNSW -> "ef";
            case IVF -> "nprobe";
            default -> null;
        };
    }

    /**
     * Bytes of the copy of the vectors it holds beside the segment's when built here: a float32
     * hnsw walk searches its own copy on huge pages where they are to be had
     * ({@link HnswIndexFactory#residentVectorBytes}); 0 for every other configuration.
     */
    public double copiedVectorBytes(SegmentFeatures features) {
        return family.equals(HNSW) && quantizer.equals(NONE)
                ? HnswIndexFactory.residentVectorBytes(features.count(), features.dimension())
                : 0;
    }

    /** Whether a search of it is exact whatever the effort. */
    public boolean exact() {
        return family.equals(FLAT);
    }

    /**
     * The efforts it can be searched at for {@code k} neighbours, smallest first: beam widths of at
     * least k for hnsw (and k itself), list counts for ivf, a single 0 for flat.
     */
    public List<Integer> efforts(int k) {
        return switch (family) {
            case HNSW -> IntStream.concat(IntStream.of(k), EFS.stream().mapToInt(Integer::intValue).filter(ef -> ef > k))
                    .boxed().toList();
            case IVF -> NPROBES;
            default -> List.of(0);
        };
    }

    /** The parameters the index plugin is built with, before AXIS's pass-through ones (seed, threads). */
    public Map<String, String> buildParams() {
        Map<String, String> params = new LinkedHashMap<>();
        if (family.equals(HNSW)) {
            params.put("m", Integer.toString(m));
        }
        if (!quantizer.equals(NONE)) {
            params.put("quantizer", quantizer);
        }
        return params;
    }

    /** The model's candidate inputs, and the effort's, by name in the order the model takes them. */
    public Map<String, Double> inputs(int effort) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("c_flat", family.equals(FLAT) ? 1.0 : 0.0);
        inputs.put("c_hnsw", family.equals(HNSW) ? 1.0 : 0.0);
        inputs.put("c_ivf", family.equals(IVF) ? 1.0 : 0.0);
        inputs.put("c_log2_m", m > 0 ? SegmentFeatures.log2(m) : 0.0);
        inputs.put("c_q_sq8", quantizer.equals("sq8") ? 1.0 : 0.0);
        inputs.put("c_q_pq", quantizer.equals("pq") ? 1.0 : 0.0);
        inputs.put("c_q_binary", quantizer.equals("binary") ? 1.0 : 0.0);
        inputs.put("e_log2_effort", effort > 0 ? SegmentFeatures.log2(effort) : 0.0);
        return inputs;
    }

    @Override
    public String toString() {
        StringBuilder name = new StringBuilder(family);
        if (m > 0) {
            name.append("-m").append(m);
        }
        if (!quantizer.equals(NONE)) {
            name.append('-').append(quantizer);
        }
        return name.toString();
    }
}
