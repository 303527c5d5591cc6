package io.proximadb.index.ivf;

import io.proximadb.index.common.ChecksumTrailer;
import io.proximadb.index.common.MetricCodes;
import io.proximadb.index.quant.binary.BinaryQuantizer;
import io.proximadb.index.quant.sq8.Sq8Quantizer;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * The ivf file format, version 1 (docs/formats/ivf.md; quantizer codes 2 and 3 were added without a
 * version change, since older readers reject an unknown code with a clear error): writes the header and trailer of a built
 * index and checks stored bytes before they are searched. As for hnsw, the index's memory is the
 * file: writing copies bytes, loading checks them and searches them where they lie.
 */
final class IvfFormat {

    /** {@code PXIV} in file order. */
    static final int MAGIC = 0x56495850;
    static final int VERSION = 1;

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** What the header says. */
    record Header(int dimension, int count, Metric metric, int nlist, IvfParams.Quantizer quantizer, int pqM,
                  int trainSample, long seed, int iterations) {

        IvfLayout layout() {
            boolean floats = IvfLayout.hasEntryFloats(metric, quantizer);
            return switch (quantizer) {
                case NONE, PQ -> new IvfLayout(count, dimension, nlist, pqM, floats);
                case SQ8 -> new IvfLayout(count, dimension, nlist, 0, floats, Sq8Quantizer.parameterBytes(dimension),
                        Sq8Quantizer.bytesPerVector(metric, dimension));
                case BINARY -> new IvfLayout(count, dimension, nlist, 0, floats, BinaryQuantizer.parameterBytes(dimension),
                        BinaryQuantizer.bytesPerVector(dimension));
            };
        }

        /** The id of the quantizer in {@link io.proximadb.index.quant.Quantizers}, for sq8 and binary. */
        int quantizerFormatId() {
            return switch (quantizer) {
                case SQ8 -> Sq8Quantizer.FORMAT_ID;
                case BINARY -> BinaryQuantizer.FORMAT_ID;
                default -> throw new IllegalStateException("ivf with " + quantizer.configName + " has no generic quantizer");
            };
        }
    }

    private IvfFormat() {
    }

    /** Writes the header and the trailer, whose checksum covers everything before it. */
    static void seal(MemorySegment data, IvfLayout layout, Header header) {
        data.set(INT, 0, MAGIC);
        data.set(INT, 4, VERSION);
        data.set(INT, 8, header.dimension());
        data.set(INT, 12, header.count());
        data.set(INT, 16, MetricCodes.code(header.metric()));
        data.set(INT, 20, header.nlist());
        data.set(INT, 24, header.quantizer().code);
        data.set(INT, 28, header.pqM());
        data.set(INT, 32, header.pqM() > 0 ? IvfLayout.CODEWORDS : 0);
        data.set(INT, 36, header.trainSample());
        data.set(LONG, 40, header.seed());
        data.set(INT, 48, header.iterations());
        data.set(INT, 52, 0);
        data.set(LONG, 56, 0L);
        ChecksumTrailer.write(data, layout.trailerOffset, MAGIC);
    }

    /**
     * Checks that {@code stored} is a whole, uncorrupted ivf index for {@code count} vectors of
     * {@code dimension} under {@code metric}, and that its lists partition the ordinals
     * {@code 0 … count-1}, so that no search can read out of bounds.
     */
    static Header check(MemorySegment stored, int dimension, int count, Metric metric) throws IndexFormatException {
        long size = stored.byteSize();
        if (size < IvfLayout.HEADER_BYTES + IvfLayout.TRAILER_BYTES) {
            throw new IndexFormatException("ivf index is " + size + " bytes, too short for a header and a trailer");
        }
        if (stored.get(INT, 0) != MAGIC) {
            throw new IndexFormatException("not an ivf index: the first 4 bytes are not 'PXIV'");
        }
        int version = stored.get(INT, 4);
        if (version != VERSION) {
            throw new IndexFormatException("ivf index format version " + Integer.toUnsignedString(version)
                    + " is not supported; this version reads version " + VERSION + ". Rebuild the index");
        }
        expect("dimension", stored.get(INT, 8), dimension);
        expect("vector count", stored.get(INT, 12), count);
        Metric stored16 = MetricCodes.metric(stored.get(INT, 16), "ivf");
        if (stored16 != metric) {
            throw new IndexFormatException("ivf index was built for metric " + stored16 + ", expected " + metric);
        }
        int nlist = stored.get(INT, 20);
        int quantizerCode = stored.get(INT, 24);
        int pqM = stored.get(INT, 28);
        int codewords = stored.get(INT, 32);
        IvfParams.Quantizer quantizer = switch (quantizerCode) {
            case 0 -> IvfParams.Quantizer.NONE;
            case 1 -> IvfParams.Quantizer.PQ;
            case 2 -> IvfParams.Quantizer.SQ8;
            case 3 -> IvfParams.Quantizer.BINARY;
            default -> throw new IndexFormatException("ivf index has unknown quantizer code " + quantizerCode
                    + " (known: 0 none, 1 pq, 2 sq8, 3 binary)");
        };
        boolean pq = quantizer == IvfParams.Quantizer.PQ;
        if (nlist < 0 || nlist > count || (count > 0 && nlist < 1)
                || (pq ? pqM < 1 || pqM > dimension || dimension % pqM != 0 || codewords != IvfLayout.CODEWORDS
                : pqM != 0 || codewords != 0)) {
            throw new IndexFormatException("ivf index header is inconsistent: nlist " + nlist + ", quantizer "
                    + quantizer.configName + ", pq_m " + pqM + ", codewords " + codewords + " for " + count
                    + " vectors of dimension " + dimension);
        }
        Header header = new Header(dimension, count, metric, nlist, quantizer, pqM, stored.get(INT, 36),
                stored.get(LONG, 40), stored.get(INT, 48));
        IvfLayout layout = header.layout();
        if (layout.size != size) {
            throw new IndexFormatException("ivf index is " + size + " bytes, its header implies " + layout.size
                    + ": the file is truncated or was not written whole");
        }
        ChecksumTrailer.verify(stored, layout.trailerOffset, MAGIC, "ivf");
        checkLists(stored, layout);
        return header;
    }

    /** The list offsets must rise from 0 to count, and the ordinals be each of 0 … count-1 once. */
    private static void checkLists(MemorySegment stored, IvfLayout layout) throws IndexFormatException {
        int previous = 0;
        for (int list = 0; list <= layout.nlist; list++) {
            int offset = stored.get(INT, layout.listsOffset + (long) list * Integer.BYTES);
            boolean last = list == layout.nlist;
            if ((list == 0 && offset != 0) || offset < previous || offset > layout.count || (last && offset != layout.count)) {
                throw new IndexFormatException("ivf index has a bad offset " + Integer.toUnsignedString(offset)
                        + " for list " + list + " of " + layout.nlist);
            }
            previous = offset;
        }
        BitSet seen = new BitSet(layout.count);
        for (int entry = 0; entry < layout.count; entry++) {
            int ordinal = stored.get(INT, layout.ordinalsOffset + (long) entry * Integer.BYTES);
            if (ordinal < 0 || ordinal >= layout.count || seen.get(ordinal)) {
                throw new IndexFormatException("ivf index has a bad or repeated ordinal " + Integer.toUnsignedString(ordinal)
                        + " at entry " + entry);
            }
            seen.set(ordinal);
        }
    }

    private static void expect(String what, int found, int expected) throws IndexFormatException {
        if (found != expected) {
            throw new IndexFormatException("ivf index was built for " + what + " " + Integer.toUnsignedString(found)
                    + ", the vectors have " + expected + ": it belongs to other vectors; rebuild it");
        }
    }
}
