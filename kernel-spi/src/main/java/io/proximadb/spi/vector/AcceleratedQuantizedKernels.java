package io.proximadb.spi.vector;

import java.lang.foreign.MemorySegment;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Java quantized kernels with their int8-by-int8 products of four codes handed to a
 * {@link NativeInt8Dots}; every other kernel is the Java one. {@link #wrap} decides once per
 * choice of kernels, and logs what it decided.
 */
final class AcceleratedQuantizedKernels implements QuantizedKernels {

    /** {@code off} leaves native int8 products unused, for comparisons and for trouble. */
    static final String PROPERTY = "proxima.vector.native";

    private final QuantizedKernels java;
    private final NativeInt8Dots dots;

    private AcceleratedQuantizedKernels(QuantizedKernels java, NativeInt8Dots dots) {
        this.java = java;
        this.dots = dots;
    }

    /** {@code java} with the first available {@link NativeInt8Dots} on the class path, or {@code java} itself. */
    static QuantizedKernels wrap(QuantizedKernels java) {
        System.Logger log = System.getLogger(VectorKernelsProvider.class.getName());
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            log.log(Level.INFO, "int8 products: {0} (native ones turned off by {1}=off)", java.name(), PROPERTY);
            return java;
        }
        // Providers are tried in the order the class path lists them, widest instructions first.
        List<String> skipped = new ArrayList<>();
        for (NativeInt8Dots dots : ServiceLoader.load(NativeInt8Dots.class, NativeInt8Dots.class.getClassLoader())) {
            String reason = dots.unavailableReason();
            if (reason == null) {
                log.log(Level.INFO, "int8 products: {0}{1}", dots.name(), skippedNote(skipped));
                return new AcceleratedQuantizedKernels(java, dots);
            }
            skipped.add(dots.name() + " unavailable: " + reason);
        }
        log.log(Level.INFO, "int8 products: {0}{1}", java.name(), skippedNote(skipped));
        return java;
    }

    private static String skippedNote(List<String> skipped) {
        return skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")";
    }

    @Override
    public String name() {
        return java.name() + "+" + dots.name();
    }

    @Override
    public boolean prefersInt8Queries() {
        return true;
    }

    @Override
    public void int8Dotx4(byte[] a, MemorySegment codes, long o0, long o1, long o2, long o3, int[] out) {
        if (!codes.isNative()) {
            java.int8Dotx4(a, codes, o0, o1, o2, o3, out); // the native code reads addresses, not heap arrays
            return;
        }
        dots.dotx4(a, codes, o0, o1, o2, o3, out);
    }

    @Override
    public void prefetchx4(MemorySegment codes, long o0, long o1, long o2, long o3, int bytes) {
        if (codes.isNative()) {
            dots.prefetchx4(codes, o0, o1, o2, o3, bytes);
        }
    }

    @Override
    public int int8Dot(byte[] a, byte[] b) {
        return java.int8Dot(a, b);
    }

    @Override
    public int int8SquaredL2(byte[] a, byte[] b) {
        return java.int8SquaredL2(a, b);
    }

    @Override
    public int int8Dot(byte[] a, MemorySegment b, long offset) {
        return java.int8Dot(a, b, offset);
    }

    @Override
    public int int8SquaredL2(byte[] a, MemorySegment b, long offset) {
        return java.int8SquaredL2(a, b, offset);
    }

    @Override
    public float floatInt8Dot(float[] a, byte[] codes) {
        return java.floatInt8Dot(a, codes);
    }

    @Override
    public float roundToInt8(float[] a, byte[] out) {
        return java.roundToInt8(a, out);
    }

    @Override
    public float floatInt8Dot(float[] a, MemorySegment codes, long offset) {
        return java.floatInt8Dot(a, codes, offset);
    }

    @Override
    public void floatInt8Dotx4(float[] a, MemorySegment codes, long o0, long o1, long o2, long o3, float[] out) {
        java.floatInt8Dotx4(a, codes, o0, o1, o2, o3, out);
    }

    @Override
    public float floatInt8Manhattan(float[] a, float[] scales, MemorySegment codes, long offset) {
        return java.floatInt8Manhattan(a, scales, codes, offset);
    }

    @Override
    public int hamming(long[] a, long[] b) {
        return java.hamming(a, b);
    }

    @Override
    public int hamming(long[] a, MemorySegment b, long offset) {
        return java.hamming(a, b, offset);
    }
}
