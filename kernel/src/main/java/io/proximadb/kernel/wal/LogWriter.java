package io.proximadb.kernel.wal;

import static io.proximadb.kernel.wal.WalFormat.BLOCK_SIZE;
import static io.proximadb.kernel.wal.WalFormat.RECORD_HEADER_SIZE;

import io.proximadb.spi.fs.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Frames payloads into 32 KiB blocks of checksummed physical records (see
 * {@code docs/formats/wal.md}), after LevelDB's {@code log::Writer}.
 *
 * <p>{@link #add} frames into a buffer; {@link #flush} hands the buffer to the file in one
 * {@code write}, so that the records of one append reach the file together and in order.
 * Nothing here syncs: durability is the caller's policy.
 *
 * <p><b>Crash behaviour.</b> A crash during {@code flush} may leave any prefix of the buffer in
 * the file (or, after an operating-system crash, a prefix with holes); each physical record is
 * checksummed, so the reader finds where the intact records end.
 *
 * <p>Not thread-safe: the owner serialises calls (the log's write lock).
 */
final class LogWriter {

    private final WritableFile file;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer pending = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    /** File length including pending bytes. */
    private long length;

    /**
     * @param file   where records go
     * @param length the file's current length: framing continues at its offset within its block
     */
    LogWriter(WritableFile file, long length) {
        this.file = file;
        this.length = length;
    }

    /** Writes raw bytes (the file header) without framing. */
    void addRaw(byte[] bytes) {
        ensure(bytes.length);
        pending.put(bytes);
        length += bytes.length;
    }

    /**
     * Frames one logical record.
     *
     * @param batchMember whether it belongs to a batch (flagged in every fragment, so that after
     *                    damage a batch's operations are recognised even without their begin)
     */
    void add(byte[] payload, boolean batchMember) {
        int left = payload.length;
        int at = 0;
        boolean begin = true;
        do {
            int leftover = (int) (BLOCK_SIZE - length % BLOCK_SIZE);
            if (leftover < RECORD_HEADER_SIZE) {
                // Too small for a header: zero the trailer, continue in the next block.
                ensure(leftover);
                for (int i = 0; i < leftover; i++) {
                    pending.put((byte) 0);
                }
                length += leftover;
                leftover = BLOCK_SIZE;
            }
            int fragment = Math.min(left, leftover - RECORD_HEADER_SIZE);
            boolean end = fragment == left;
            int kind = begin && end ? WalFormat.FULL
                    : begin ? WalFormat.FIRST
                    : end ? WalFormat.LAST
                    : WalFormat.MIDDLE;
            byte type = (byte) (batchMember ? kind | WalFormat.BATCH_FLAG : kind);
            emit(type, payload, at, fragment);
            at += fragment;
            left -= fragment;
            begin = false;
        } while (left > 0);
    }

    private void emit(byte type, byte[] payload, int offset, int fragment) {
        ensure(RECORD_HEADER_SIZE + fragment);
        crc.reset();
        crc.update(fragment & 0xFF);
        crc.update((fragment >>> 8) & 0xFF);
        crc.update(type);
        crc.update(payload, offset, fragment);
        pending.putInt(WalFormat.mask((int) crc.getValue()));
        pending.putShort((short) fragment);
        pending.put(type);
        pending.put(payload, offset, fragment);
        length += RECORD_HEADER_SIZE + fragment;
    }

    /** Writes every framed byte to the file. On failure the file's contents are unknown. */
    void flush() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        try {
            file.write(pending);
        } finally {
            pending.clear();
            if (pending.capacity() > (4 << 20)) {
                pending = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN); // don't pin a huge batch's buffer
            }
        }
    }

    /** The file's length once pending bytes are flushed. */
    long length() {
        return length;
    }

    WritableFile file() {
        return file;
    }

    private void ensure(int bytes) {
        if (pending.remaining() < bytes) {
            int needed = pending.position() + bytes;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, pending.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
    }
}
