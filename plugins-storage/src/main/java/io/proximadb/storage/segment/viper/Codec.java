package io.proximadb.storage.segment.viper;

import com.github.luben.zstd.Zstd;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import net.jpountz.lz4.LZ4Factory;

/**
 * How a section's stored bytes encode its contents: one compressed block at a time. The zstd and
 * lz4 libraries are touched only when a block is coded, so that loading this class needs neither.
 */
enum Codec {
    ZSTD(1, "zstd") {
        @Override
        int maxCompressedLength(int rawLength) {
            return Math.toIntExact(Zstd.compressBound(rawLength));
        }

        @Override
        int compress(byte[] source, int length, byte[] target, int level) {
            long written = Zstd.compressByteArray(target, 0, target.length, source, 0, length, level);
            if (Zstd.isError(written)) {
                throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(written));
            }
            return (int) written;
        }

        @Override
        void decompress(MemorySegment source, MemorySegment target) {
            ByteBuffer to = target.asByteBuffer();
            ByteBuffer from = source.asByteBuffer();
            long written = Zstd.decompressDirectByteBuffer(to, 0, to.capacity(), from, 0, from.capacity());
            if (Zstd.isError(written)) {
                throw new IllegalArgumentException("zstd: " + Zstd.getErrorName(written));
            }
            requireLength(written, target.byteSize());
        }
    },
    LZ4(2, "lz4") {
        @Override
        int maxCompressedLength(int rawLength) {
            return Lz4.FACTORY.fastCompressor().maxCompressedLength(rawLength);
        }

        @Override
        int compress(byte[] source, int length, byte[] target, int level) {
            return Lz4.FACTORY.fastCompressor().compress(source, 0, length, target, 0, target.length);
        }

        @Override
        void decompress(MemorySegment source, MemorySegment target) {
            ByteBuffer to = target.asByteBuffer();
            ByteBuffer from = source.asByteBuffer();
            int written = Lz4.FACTORY.safeDecompressor().decompress(from, 0, from.capacity(), to, 0, to.capacity());
            requireLength(written, target.byteSize());
        }
    },
    NONE(0, "none") {
        @Override
        int maxCompressedLength(int rawLength) {
            return rawLength;
        }

        @Override
        int compress(byte[] source, int length, byte[] target, int level) {
            System.arraycopy(source, 0, target, 0, length);
            return length;
        }

        @Override
        void decompress(MemorySegment source, MemorySegment target) {
            target.copyFrom(source);
        }
    };

    /** The codec number stored in the section table. */
    final int id;
    /** The name {@code SegmentWriteOptions.compression} uses. */
    final String configName;

    Codec(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /** An upper bound of the compressed size of {@code rawLength} bytes. */
    abstract int maxCompressedLength(int rawLength);

    /** Compresses {@code source[0..length)} into {@code target}, which has {@link #maxCompressedLength} room. */
    abstract int compress(byte[] source, int length, byte[] target, int level);

    /**
     * Decodes one block into exactly {@code target.byteSize()} bytes.
     *
     * @throws RuntimeException when the block does not decode to that many bytes
     */
    abstract void decompress(MemorySegment source, MemorySegment target);

    /** The codec configured by {@code name}, case-insensitively; the error lists the known names. */
    static Codec fromName(String name) {
        for (Codec codec : values()) {
            if (codec.configName.equalsIgnoreCase(name)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' for the viper segment format; known: "
                + Arrays.stream(values()).map(c -> c.configName).collect(Collectors.joining(", ")));
    }

    /** The codec stored as {@code id}, or {@code null} for a number this version does not know. */
    static Codec fromId(int id) {
        for (Codec codec : values()) {
            if (codec.id == id) {
                return codec;
            }
        }
        return null;
    }

    /** Which LZ4 implementation is in use: {@code native} or {@code java}. */
    static String lz4Implementation() {
        return Lz4.NATIVE ? "native" : "java";
    }

    @Override
    public String toString() {
        return configName.toLowerCase(Locale.ROOT);
    }

    private static void requireLength(long written, long expected) {
        if (written != expected) {
            throw new IllegalArgumentException("block decoded to " + written + " bytes, expected " + expected);
        }
    }

    /**
     * The LZ4 implementation, chosen once: the JNI binding where its native library loads, else
     * the pure-Java safe one (same format, slower; no {@code sun.misc.Unsafe}).
     */
    private static final class Lz4 {
        static final boolean NATIVE;
        static final LZ4Factory FACTORY;

        static {
            LZ4Factory factory;
            boolean nativeLoaded;
            try {
                factory = LZ4Factory.nativeInstance();
                nativeLoaded = true;
            } catch (LinkageError | RuntimeException unavailable) {
                factory = LZ4Factory.safeInstance();
                nativeLoaded = false;
            }
            FACTORY = factory;
            NATIVE = nativeLoaded;
        }

        private Lz4() {
        }
    }
}
