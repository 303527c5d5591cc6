package io.proximadb.index.axis;

import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The persisted header of an {@code axis} index (docs/formats/axis.md): what was chosen, in a few
 * lines of text under a CRC32C, padded to 64 bytes so that the chosen index's own bytes, which
 * follow, keep the alignment they are searched in place with.
 *
 * <pre>
 *   0  int   magic 'PXAX'
 *   4  short version (1)
 *   6  short reserved (0)
 *   8  int   header bytes (a multiple of 64)
 *  12  int   text bytes
 *  16  int   CRC32C of the text
 *  20  text  UTF-8 lines "key=value\n": what the index was built over (dimension, count, metric)
 *            and the segment's features (norm_spread, intrinsic_dim, relative_contrast,
 *            cluster_variance, k); the choice (candidate, planner); how it searches (effort, and
 *            adaptive_offset when queries choose their own width; measured_recall when calibrated);
 *            then param.NAME for each of the chosen index's build parameters
 *      zero padding to the header's end, then the chosen index's bytes (none for flat)
 * </pre>
 */
final class AxisFormat {

    static final int MAGIC = 'P' | 'X' << 8 | 'A' << 16 | 'X' << 24;
    static final short VERSION = 1;
    static final int TEXT_OFFSET = 20;
    static final int ALIGNMENT = 64;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * What a header holds.
     *
     * @param params the chosen index's build parameters
     */
    record Header(SegmentFeatures features, Candidate candidate, String planner, Tuning tuning, Map<String, String> params) {
    }

    private AxisFormat() {
    }

    static ByteBuffer encode(Header header) {
        SegmentFeatures f = header.features();
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("dimension", f.dimension());
        lines.put("count", f.count());
        lines.put("metric", f.metric().name());
        lines.put("norm_spread", f.normSpread());
        lines.put("intrinsic_dim", f.intrinsicDim());
        lines.put("relative_contrast", f.relativeContrast());
        lines.put("cluster_variance", f.clusterVariance());
        lines.put("k", f.k());
        lines.put("candidate", header.candidate());
        lines.put("planner", header.planner().replace('\n', ' '));
        lines.put("effort", header.tuning().effort());
        if (header.tuning().adaptive()) {
            lines.put("adaptive_offset", header.tuning().adaptiveOffset());
        }
        if (!Double.isNaN(header.tuning().measuredRecall())) {
            lines.put("measured_recall", header.tuning().measuredRecall());
        }
        header.params().forEach((name, value) -> lines.put("param." + name, value));
        StringBuilder text = new StringBuilder();
        lines.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int size = (TEXT_OFFSET + bytes.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        buffer.putInt(MAGIC).putShort(VERSION).putShort((short) 0).putInt(size).putInt(bytes.length)
                .putInt((int) crc.getValue()).put(bytes);
        return buffer.position(0);
    }

    /** The header's size in bytes: where the chosen index's bytes begin. */
    static long size(MemorySegment stored) {
        return Integer.toUnsignedLong(stored.get(INT, 8));
    }

    /**
     * Reads the header and checks it was written for {@code dimension}, {@code count} vectors and
     * {@code metric}.
     */
    static Header decode(MemorySegment stored, int dimension, int count, Metric metric) throws IndexFormatException {
        Header header = decode(stored);
        SegmentFeatures f = header.features();
        if (f.dimension() != dimension || f.count() != count || f.metric() != metric) {
            throw new IndexFormatException("axis index was written for " + f.count() + " vectors of dimension "
                    + f.dimension() + " (" + f.metric() + "), not for " + count + " of dimension " + dimension
                    + " (" + metric + ")");
        }
        return header;
    }

    private static Header decode(MemorySegment stored) throws IndexFormatException {
        if (stored.byteSize() < TEXT_OFFSET || stored.get(INT, 0) != MAGIC) {
            throw new IndexFormatException("not an axis index: the magic 'PXAX' is missing");
        }
        short version = stored.get(SHORT, 4);
        if (version != VERSION) {
            throw new IndexFormatException("axis index version " + version + " is not supported; this build reads version "
                    + VERSION);
        }
        long size = size(stored);
        int textBytes = stored.get(INT, 12);
        if (size % ALIGNMENT != 0 || size > stored.byteSize() || textBytes < 0 || TEXT_OFFSET + (long) textBytes > size) {
            throw new IndexFormatException("axis index header is damaged: " + size + " header bytes, " + textBytes
                    + " text bytes, in " + stored.byteSize() + " stored bytes");
        }
        byte[] bytes = stored.asSlice(TEXT_OFFSET, textBytes).toArray(ValueLayout.JAVA_BYTE);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        if ((int) crc.getValue() != stored.get(INT, 16)) {
            throw new IndexFormatException("axis index header fails its checksum");
        }
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                lines.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        lines.forEach((key, value) -> {
            if (key.startsWith("param.")) {
                params.put(key.substring("param.".length()), value);
            }
        });
        try {
            SegmentFeatures features = new SegmentFeatures(Integer.parseInt(lines.get("count")),
                    Integer.parseInt(lines.get("dimension")), Metric.valueOf(lines.get("metric")),
                    Double.parseDouble(lines.get("norm_spread")), Double.parseDouble(lines.get("intrinsic_dim")),
                    Double.parseDouble(lines.get("relative_contrast")), Double.parseDouble(lines.get("cluster_variance")),
                    Integer.parseInt(lines.get("k")));
            Tuning tuning = new Tuning(Integer.parseInt(lines.get("effort")),
                    Double.parseDouble(lines.getOrDefault("adaptive_offset", "NaN")),
                    Double.parseDouble(lines.getOrDefault("measured_recall", "NaN")));
            return new Header(features, Candidate.parse(lines.get("candidate")), lines.getOrDefault("planner", ""), tuning,
                    params);
        } catch (RuntimeException e) {
            throw new IndexFormatException("axis index header names no valid choice: " + lines);
        }
    }
}
