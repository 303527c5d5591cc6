package io.proximadb.storage.segment.viper;

import io.proximadb.spi.fs.WritableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The segment file being written: a 1 MiB write buffer over a {@link WritableFile}, the position
 * reached, and a running CRC32C of everything written since {@link #restartCrc()}, so that each
 * section's checksum is computed in bulk as its bytes go by. Not thread-safe.
 *
 * <p>{@link ByteSink} methods cannot throw {@link IOException}; they wrap it in
 * {@link UncheckedIOException}, which the writer unwraps.
 */
final class FileOutput implements ByteSink {

    private static final int BUFFER = 1 << 20;

    private final WritableFile file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);
    private final CRC32C crc = new CRC32C();
    /** Where the bytes not yet folded into {@link #crc} start in {@link #buffer}. */
    private int crcFrom;
    private long position;

    FileOutput(WritableFile file) {
        this.file = file;
    }

    long position() {
        return position;
    }

    void restartCrc() {
        crc.reset();
        crcFrom = buffer.position();
    }

    /** The CRC32C of the bytes written since {@link #restartCrc()}. */
    int crc() {
        foldCrc();
        return (int) crc.getValue();
    }

    private void foldCrc() {
        int end = buffer.position();
        if (end > crcFrom) {
            crc.update(buffer.slice(crcFrom, end - crcFrom));
        }
        crcFrom = end;
    }

    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    void flush() {
        foldCrc();
        buffer.flip();
        try {
            file.write(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.clear();
        crcFrom = 0;
    }

    /** Writes {@code values} as little-endian float32, copied in bulk. */
    void putFloats(float[] values) {
        int done = 0;
        while (done < values.length) {
            room(Float.BYTES);
            int n = Math.min(values.length - done, buffer.remaining() / Float.BYTES);
            MemorySegment.copy(values, done, bufferSegment, Layout.FLOAT, buffer.position(), n);
            buffer.position(buffer.position() + n * Float.BYTES);
            done += n;
        }
        position += (long) Float.BYTES * values.length;
    }

    @Override
    public void putByte(int value) {
        room(1);
        buffer.put((byte) value);
        position++;
    }

    @Override
    public void putBytes(byte[] bytes, int offset, int length) {
        if (length >= BUFFER) {
            flush();
            crc.update(bytes, offset, length);
            try {
                file.write(ByteBuffer.wrap(bytes, offset, length));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            room(length);
            buffer.put(bytes, offset, length);
        }
        position += length;
    }

    @Override
    public void putLong(long value) {
        room(Long.BYTES);
        buffer.putLong(value);
        position += Long.BYTES;
    }

    @Override
    public void putInt(int value) {
        room(Integer.BYTES);
        buffer.putInt(value);
        position += Integer.BYTES;
    }

    /** Flushes, makes everything durable and closes the file. */
    void syncAndClose() throws IOException {
        try {
            flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        file.sync();
        file.close();
    }
}
