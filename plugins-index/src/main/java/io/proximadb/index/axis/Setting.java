package io.proximadb.index.axis;

/**
 * A configuration and the effort it is searched at: {@code ef} for hnsw, {@code nprobe} for ivf,
 * 0 for flat.
 */
public record Setting(Candidate candidate, int effort) {

    @Override
    public String toString() {
        return candidate.knob() == null ? candidate.toString() : candidate + " " + candidate.knob() + "=" + effort;
    }
}
