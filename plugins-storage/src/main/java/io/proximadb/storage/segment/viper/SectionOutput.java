package io.proximadb.storage.segment.viper;

/**
 * Writes sections one after another: the contents are cut into blocks of
 * {@link Layout#BLOCK_SIZE}, each compressed on its own and written with its lengths, so that no
 * section is ever held whole in memory. A section that fits in one block and does not shrink is
 * stored raw with codec {@code none}. One instance serves a whole segment, reusing its two block
 * buffers; not thread-safe.
 */
final class SectionOutput extends BlockSink {

    private final FileOutput out;
    private final Codec codec;
    private final int level;
    private final byte[] compressed;

    private String name;
    private long offset;
    /** Contents already written in full blocks. */
    private long flushed;
    private boolean wroteBlock;

    SectionOutput(FileOutput out, Codec codec, int level) {
        super(new byte[Layout.BLOCK_SIZE]);
        this.out = out;
        this.codec = codec;
        this.level = level;
        this.compressed = codec == Codec.NONE ? new byte[0] : new byte[codec.maxCompressedLength(Layout.BLOCK_SIZE)];
    }

    /** Starts the next section; the previous one must have been ended. */
    void begin(String sectionName) {
        if (name != null) {
            throw new IllegalStateException("section '" + name + "' was not ended");
        }
        name = sectionName;
        offset = out.position();
        flushed = 0;
        fill = 0;
        wroteBlock = false;
        out.restartCrc();
    }

    /** Writes what is buffered and returns the section's table entry. */
    SectionEntry end() {
        long rawLength = flushed + fill;
        Codec used = codec;
        if (!wroteBlock && codec != Codec.NONE) {
            int size = fill == 0 ? 0 : codec.compress(block, fill, compressed, level);
            if (size < fill) {
                writeBlock(fill, compressed, size);
            } else {
                used = Codec.NONE;
                out.putBytes(block, 0, fill);
            }
        } else if (fill > 0) {
            flushBlock();
        }
        SectionEntry entry = new SectionEntry(name, offset, out.position() - offset, used, rawLength, out.crc());
        name = null;
        return entry;
    }

    @Override
    protected void full() {
        flushBlock();
    }

    private void flushBlock() {
        if (codec == Codec.NONE) {
            out.putBytes(block, 0, fill);
        } else {
            int size = codec.compress(block, fill, compressed, level);
            if (size < fill) {
                writeBlock(fill, compressed, size);
            } else {
                writeBlock(fill, block, fill);
            }
        }
        wroteBlock = true;
        flushed += fill;
        fill = 0;
    }

    private void writeBlock(int raw, byte[] stored, int storedLength) {
        out.putInt(raw);
        out.putInt(storedLength);
        out.putBytes(stored, 0, storedLength);
    }
}
