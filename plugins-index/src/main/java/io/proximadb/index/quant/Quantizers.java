package io.proximadb.index.quant;

import io.proximadb.index.quant.binary.BinaryQuantizer;
import io.proximadb.index.quant.pq.PqQuantizer;
import io.proximadb.index.quant.sq8.Sq8Quantizer;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The quantizers by name (the {@code quantizer} index parameter) and by format id (in index
 * files). A new quantizer adds a name, an id and a case in {@link #train} and {@link #read}; ids
 * are never reused.
 *
 * <table>
 *   <tr><th>name</th><th>id</th><th>code</th></tr>
 *   <tr><td>{@code none}</td><td>0</td><td>no codes: float32 distances throughout</td></tr>
 *   <tr><td>{@code sq8}</td><td>1</td><td>one byte per dimension, per-dimension min and scale</td></tr>
 *   <tr><td>{@code binary}</td><td>2</td><td>one bit per dimension: the sign after centring on the mean</td></tr>
 *   <tr><td>{@code pq}</td><td>3</td><td>one byte per sub-space ({@code pq_m} of them): the nearest of 256 codewords</td></tr>
 * </table>
 */
public final class Quantizers {

    public static final String NONE = "none";
    /** Names {@link #train} accepts, {@code none} first. */
    public static final List<String> NAMES = List.of(NONE, Sq8Quantizer.NAME, PqQuantizer.NAME, BinaryQuantizer.NAME);

    /**
     * The range of code sizes a quantizer id allows for a dimension: one size for {@code sq8} and
     * {@code binary}; for {@code pq} any {@code m} up to the dimension, the exact one being in its
     * parameters.
     */
    public record CodeBytes(long min, long max) {
    }

    private Quantizers() {
    }

    /**
     * Checks a {@code quantizer} parameter and returns it normalised (lower case, trimmed).
     *
     * @throws IllegalArgumentException naming the unknown quantizer and the known ones
     */
    public static String checkName(String name) {
        return checkName(name, "");
    }

    /**
     * As {@link #checkName(String)}, for the index {@code index}, whose name the error gives.
     *
     * @throws IllegalArgumentException naming the index, the unknown quantizer and the known ones
     */
    public static String checkName(String name, String index) {
        String normalised = name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!NAMES.contains(normalised)) {
            throw new IllegalArgumentException("unknown " + (index.isEmpty() ? "" : index + " ") + "quantizer '" + name
                    + "', known: " + String.join(", ", NAMES));
        }
        return normalised;
    }

    /**
     * Trains the quantizer {@code name} on {@code values} for {@code metric}; {@code null} for
     * {@code none}. {@code sq8} and {@code binary} read every vector once; {@code pq} clusters a
     * sample (see {@link QuantizerOptions}).
     */
    public static Quantizer train(String name, Metric metric, VectorValues values, VectorKernels kernels,
                                  QuantizerOptions options) {
        return switch (checkName(name)) {
            case NONE -> null;
            case Sq8Quantizer.NAME -> Sq8Quantizer.train(metric, values, kernels.quantized());
            case BinaryQuantizer.NAME -> BinaryQuantizer.train(metric, values, kernels.quantized());
            case PqQuantizer.NAME -> PqQuantizer.train(metric, values, options, kernels);
            default -> throw new AssertionError(name);
        };
    }

    /** Bytes of the parameters of quantizer {@code formatId} for {@code dimension}; for laying out a file before reading it. */
    public static long parameterBytes(int formatId, int dimension) throws IndexFormatException {
        return switch (formatId) {
            case Sq8Quantizer.FORMAT_ID -> Sq8Quantizer.parameterBytes(dimension);
            case BinaryQuantizer.FORMAT_ID -> BinaryQuantizer.parameterBytes(dimension);
            case PqQuantizer.FORMAT_ID -> PqQuantizer.parameterBytes(dimension);
            default -> throw unknownId(formatId);
        };
    }

    /**
     * The code sizes quantizer {@code formatId} allows for {@code dimension} and {@code metric};
     * once the quantizer is read, its {@link Quantizer#bytesPerVector()} is the exact size.
     */
    public static CodeBytes codeBytes(int formatId, Metric metric, int dimension) throws IndexFormatException {
        return switch (formatId) {
            case Sq8Quantizer.FORMAT_ID -> exactly(Sq8Quantizer.bytesPerVector(metric, dimension));
            case BinaryQuantizer.FORMAT_ID -> exactly(BinaryQuantizer.bytesPerVector(dimension));
            case PqQuantizer.FORMAT_ID -> new CodeBytes(1, dimension);
            default -> throw unknownId(formatId);
        };
    }

    private static CodeBytes exactly(long bytes) {
        return new CodeBytes(bytes, bytes);
    }

    /** Reads back what {@link Quantizer#writeParameters} wrote, checking it. */
    public static Quantizer read(int formatId, Metric metric, int dimension, MemorySegment from, long offset,
                                 VectorKernels kernels) throws IndexFormatException {
        return switch (formatId) {
            case Sq8Quantizer.FORMAT_ID -> Sq8Quantizer.read(metric, dimension, from, offset, kernels.quantized());
            case BinaryQuantizer.FORMAT_ID -> BinaryQuantizer.read(metric, dimension, from, offset, kernels.quantized());
            case PqQuantizer.FORMAT_ID -> PqQuantizer.read(metric, dimension, from, offset);
            default -> throw unknownId(formatId);
        };
    }

    private static IndexFormatException unknownId(int formatId) {
        return new IndexFormatException("unknown quantizer id " + formatId + " (known: 1 sq8, 2 binary, 3 pq)");
    }
}
