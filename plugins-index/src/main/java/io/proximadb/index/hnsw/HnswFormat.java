package io.proximadb.index.hnsw;

import io.proximadb.index.common.ChecksumTrailer;
import io.proximadb.index.common.MetricCodes;
import io.proximadb.index.quant.Quantizer;
import io.proximadb.index.quant.Quantizers;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The hnsw file format, version 2 (docs/formats/hnsw.md): writes the header and trailer of a
 * built index and checks stored bytes before they are searched. The index's memory <em>is</em>
 * the file, so there is no encoding step: writing copies bytes, loading checks and maps them.
 * Version 1 files (no quantizer; version 2 without one is the same layout) are still read.
 */
final class HnswFormat {

    /** {@code PXHN} in file order. */
    static final int MAGIC = 0x4E485850;
    static final int VERSION = 2;
    /** The oldest version this reader reads: version 1 is version 2 without a quantizer. */
    static final int OLDEST_VERSION = 1;
    /** Padding a writer may add to a code, past which a header is taken to be corrupt. */
    static final int MAX_CODE_PADDING = 64;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * What the header says.
     *
     * @param quantizer  the quantizer's format id ({@link io.proximadb.index.quant.Quantizers}), 0 for none
     * @param codeStride bytes per node in the codes section, 0 for none
     */
    record Header(int dimension, int count, Metric metric, int m, int m0, int efConstruction,
                  int entryPoint, int topLevel, long upperInts, long seed, int quantizer, int codeStride) {
    }

    private HnswFormat() {
    }

    /** Writes the levels section and the index of upper lists, every list still empty. */
    static void writeLevels(MemorySegment data, HnswLayout layout, byte[] levels) {
        MemorySegment.copy(levels, 0, data, ValueLayout.JAVA_BYTE, layout.levelsOffset, levels.length);
        long next = 0;
        for (int node = 0; node < levels.length; node++) {
            data.set(HnswGraph.INT, layout.upperIndexOffset + (long) node * Integer.BYTES, levels[node] == 0 ? -1 : (int) next);
            next += levels[node] * (long) layout.upperStrideInts();
        }
    }

    /** Writes the header and the trailer, whose checksum covers everything before it. */
    static void seal(MemorySegment data, HnswLayout layout, Header header) {
        data.set(HnswGraph.INT, 0, MAGIC);
        data.set(HnswGraph.INT, 4, VERSION);
        data.set(HnswGraph.INT, 8, header.dimension());
        data.set(HnswGraph.INT, 12, header.count());
        data.set(HnswGraph.INT, 16, MetricCodes.code(header.metric()));
        data.set(HnswGraph.INT, 20, header.m());
        data.set(HnswGraph.INT, 24, header.m0());
        data.set(HnswGraph.INT, 28, header.efConstruction());
        data.set(HnswGraph.INT, 32, header.entryPoint());
        data.set(HnswGraph.INT, 36, header.topLevel());
        data.set(LONG, 40, header.upperInts());
        data.set(LONG, 48, header.seed());
        data.set(HnswGraph.INT, 56, header.quantizer());
        data.set(HnswGraph.INT, 60, header.codeStride());
        ChecksumTrailer.write(data, layout.trailerOffset, MAGIC);
    }

    /**
     * Checks that {@code stored} is a whole, uncorrupted hnsw index for {@code count} vectors of
     * {@code dimension} under {@code metric}, and that its graph only links nodes to nodes that
     * reach the same layer, so that no search can read out of bounds.
     */
    static Header check(MemorySegment stored, int dimension, int count, Metric metric) throws IndexFormatException {
        long size = stored.byteSize();
        if (size < HnswLayout.HEADER_BYTES + HnswLayout.TRAILER_BYTES) {
            throw new IndexFormatException("hnsw index is " + size + " bytes, too short for a header and a trailer");
        }
        if (stored.get(HnswGraph.INT, 0) != MAGIC) {
            throw new IndexFormatException("not an hnsw index: the first 4 bytes are not 'PXHN'");
        }
        int version = stored.get(HnswGraph.INT, 4);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new IndexFormatException("hnsw index format version " + Integer.toUnsignedString(version)
                    + " is not supported; this version reads versions " + OLDEST_VERSION + " to " + VERSION + ". Rebuild the index");
        }
        // Version 1 had 8 reserved zero bytes where version 2 names the quantizer: zero is "none".
        Header header = new Header(stored.get(HnswGraph.INT, 8), stored.get(HnswGraph.INT, 12),
                MetricCodes.metric(stored.get(HnswGraph.INT, 16), "hnsw"), stored.get(HnswGraph.INT, 20),
                stored.get(HnswGraph.INT, 24),
                stored.get(HnswGraph.INT, 28), stored.get(HnswGraph.INT, 32), stored.get(HnswGraph.INT, 36),
                stored.get(LONG, 40), stored.get(LONG, 48), stored.get(HnswGraph.INT, 56), stored.get(HnswGraph.INT, 60));
        expect("dimension", header.dimension(), dimension);
        expect("vector count", header.count(), count);
        if (header.metric() != metric) {
            throw new IndexFormatException("hnsw index was built for metric " + header.metric() + ", expected " + metric);
        }
        if (header.m() < 2 || header.m() > HnswParams.MAX_M || header.m0() < header.m() || header.m0() > 2 * HnswParams.MAX_M
                || header.upperInts() < 0 || header.topLevel() < 0 || header.topLevel() > Levels.MAX_LEVEL
                || (count == 0 ? header.entryPoint() != -1 : header.entryPoint() < 0 || header.entryPoint() >= count)) {
            throw new IndexFormatException("hnsw index header is inconsistent: " + header);
        }
        if (version == 1 && (header.quantizer() != 0 || header.codeStride() != 0)) {
            throw new IndexFormatException("hnsw index of version 1 has non-zero reserved bytes: " + header);
        }
        HnswLayout layout = layoutOf(header);
        if (layout.size != size) {
            throw new IndexFormatException("hnsw index is " + size + " bytes, its header implies " + layout.size
                    + ": the file is truncated or was not written whole");
        }
        ChecksumTrailer.verify(stored, layout.trailerOffset, MAGIC, "hnsw");
        checkGraph(new HnswGraph(stored, layout), header);
        return header;
    }

    /** The layout a header describes, once its quantizer fields are checked. */
    static HnswLayout layoutOf(Header header) throws IndexFormatException {
        boolean cosine = header.metric() == Metric.COSINE;
        if (header.quantizer() == 0) {
            if (header.codeStride() != 0) {
                throw new IndexFormatException("hnsw index has no quantizer but a code stride of " + header.codeStride());
            }
            return new HnswLayout(header.count(), header.m(), header.m0(), header.upperInts(), cosine);
        }
        long parameterBytes;
        Quantizers.CodeBytes codeBytes;
        try {
            parameterBytes = Quantizers.parameterBytes(header.quantizer(), header.dimension());
            codeBytes = Quantizers.codeBytes(header.quantizer(), header.metric(), header.dimension());
        } catch (IndexFormatException e) {
            throw new IndexFormatException("hnsw index: " + e.getMessage(), e);
        }
        // For pq the exact code size is in the parameters: quantizerOf checks it once they are read.
        checkCodeStride(header.codeStride(), codeBytes.min(), codeBytes.max());
        return new HnswLayout(header.count(), header.m(), header.m0(), header.upperInts(), cosine, parameterBytes,
                header.codeStride());
    }

    /** The quantizer whose parameters a checked index holds, or {@code null} for none. */
    static Quantizer quantizerOf(MemorySegment stored, Header header, HnswLayout layout, VectorKernels kernels)
            throws IndexFormatException {
        if (header.quantizer() == 0) {
            return null;
        }
        Quantizer quantizer;
        try {
            quantizer = Quantizers.read(header.quantizer(), header.metric(), header.dimension(), stored, layout.quantizerOffset,
                    kernels);
        } catch (IndexFormatException e) {
            throw new IndexFormatException("hnsw index: " + e.getMessage(), e);
        }
        checkCodeStride(header.codeStride(), quantizer.bytesPerVector(), quantizer.bytesPerVector());
        return quantizer;
    }

    /** A code stride must hold a code of {@code min} to {@code max} bytes, with at most {@value #MAX_CODE_PADDING} of padding. */
    private static void checkCodeStride(int codeStride, long min, long max) throws IndexFormatException {
        if (codeStride < min || codeStride > max + MAX_CODE_PADDING) {
            throw new IndexFormatException("hnsw index has a code stride of " + Integer.toUnsignedString(codeStride)
                    + " bytes for codes of " + (min == max ? min + " bytes" : min + " to " + max + " bytes"));
        }
    }

    private static void checkGraph(HnswGraph graph, Header header) throws IndexFormatException {
        HnswLayout layout = graph.layout;
        long nextUpper = 0;
        for (int node = 0; node < header.count(); node++) {
            int level = graph.level(node);
            int first = graph.data.get(HnswGraph.INT, layout.upperIndexOffset + (long) node * Integer.BYTES);
            if (level < 0 || level > header.topLevel() || first != (level == 0 ? -1 : nextUpper)) {
                throw new IndexFormatException("hnsw index has a bad level or list index at node " + node);
            }
            nextUpper += level * (long) layout.upperStrideInts();
            if (nextUpper > header.upperInts()) {
                throw new IndexFormatException("hnsw index's upper lists overflow their section at node " + node);
            }
            for (int l = 0; l <= level; l++) {
                long list = graph.list(node, l);
                int size = graph.size(list);
                if (size < 0 || size > (l == 0 ? header.m0() : header.m())) {
                    throw new IndexFormatException("hnsw index has a list of " + size + " links at node " + node + ", layer " + l);
                }
                for (int slot = 0; slot < size; slot++) {
                    int neighbor = graph.neighbor(list, slot);
                    if (neighbor < 0 || neighbor >= header.count() || graph.level(neighbor) < l) {
                        throw new IndexFormatException("hnsw index links node " + node + " on layer " + l
                                + " to " + neighbor + ", which is not on that layer");
                    }
                }
            }
        }
        if (nextUpper != header.upperInts() || (header.count() > 0 && graph.level(header.entryPoint()) != header.topLevel())) {
            throw new IndexFormatException("hnsw index's upper layers do not match its header");
        }
    }

    private static void expect(String what, int found, int expected) throws IndexFormatException {
        if (found != expected) {
            throw new IndexFormatException("hnsw index was built for " + what + " " + Integer.toUnsignedString(found)
                    + ", the vectors have " + expected + ": it belongs to other vectors; rebuild it");
        }
    }
}
