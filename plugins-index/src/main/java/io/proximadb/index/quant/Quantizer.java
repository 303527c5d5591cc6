package io.proximadb.index.quant;

import io.proximadb.spi.record.Metric;
import java.lang.foreign.MemorySegment;

/**
 * A trained vector quantizer: turns a float32 vector into a short code of
 * {@link #bytesPerVector()} bytes, and scores a query against codes with an approximate distance
 * that ranks like the metric's. Made by {@link Quantizers#train} (or read back from an index file
 * with {@link Quantizers#read}); immutable and thread-safe. The scorers it makes are not.
 *
 * <p>Approximate distances are for walking and ranking only; an index re-scores its best
 * candidates with the float32 vectors ("rerank") before returning them, so returned distances
 * stay exact.
 *
 * <p>Codes are stored by the index, contiguously, at any byte offset; a quantizer never keeps
 * them itself. For {@link Metric#COSINE} a quantizer encodes the normalised vector and its
 * scorer normalises the query, so that cosine ranks as a dot product of unit vectors.
 */
public interface Quantizer {

    /** The name users give in the {@code quantizer} parameter: {@code sq8}, {@code binary}. */
    String name();

    /** The number that stands for this kind of quantizer in index files (see {@link Quantizers}). */
    int formatId();

    Metric metric();

    int dimension();

    /** Bytes of one vector's code, all it needs stored per vector (corrections included). */
    int bytesPerVector();

    /** Writes the code of {@code vector} at byte {@code offset} of {@code into}. */
    void encode(float[] vector, MemorySegment into, long offset);

    /** A new scorer for one thread's queries; reuse it across queries. */
    QueryScorer newScorer();

    /**
     * How many candidates to re-score with the float32 vectors when the search does not say
     * ({@code rerank}), for {@code k} results from a beam of width {@code ef}: more for coarser
     * codes.
     */
    int defaultRerank(int k, int ef);

    /** Bytes of the trained parameters in an index file ({@link #writeParameters}). */
    int parameterBytes();

    /** Writes the trained parameters, {@link #parameterBytes()} of them, for {@link Quantizers#read}. */
    void writeParameters(MemorySegment into, long offset);

    /** Heap bytes this quantizer holds (its parameters). */
    long memoryBytes();
}
