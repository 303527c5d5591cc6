package io.proximadb.kernel.wal;

import static io.proximadb.kernel.wal.WalFormat.BLOCK_SIZE;
import static io.proximadb.kernel.wal.WalFormat.RECORD_HEADER_SIZE;

import io.proximadb.spi.fs.ReadableFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads the logical records framed by {@link LogWriter}, after LevelDB's {@code log::Reader}.
 *
 * <p>The reader never throws on bad bytes: it reports them as {@link Damage} ranges and goes on,
 * resynchronising at the next block (every block starts with a record header), then skipping
 * fragments orphaned by the damage until a FULL or FIRST record. Whether damage is a torn tail,
 * fatal corruption or skippable is the caller's decision ({@link WalRecovery}); the reader also
 * answers {@link #validRecordStartsAfter}, the question that decides it.
 *
 * <p>Not thread-safe; reads the file with positional reads, so the file may be shared.
 */
final class LogReader {

    /** What {@link #next} found. */
    sealed interface Event permits Record, Damage {
    }

    /** One intact logical record: its payload, and the byte range of its fragments. */
    record Record(long offset, long end, byte[] payload, boolean batchMember) implements Event {
    }

    /** Bytes that hold no intact record, from {@code offset} up to {@code end}. */
    record Damage(long offset, long end, String reason) implements Event {
    }

    private final ReadableFile file;
    private final long end;
    private final byte[] block = new byte[BLOCK_SIZE];
    private final CRC32C crc = new CRC32C();
    private long blockStart = -1;
    private int blockLength;
    private long position;

    /** Reads records in {@code [start, end)}, where {@code start} is the end of the file header. */
    LogReader(ReadableFile file, long start, long end) {
        this.file = file;
        this.position = start;
        this.end = end;
    }

    /** The next record or damaged range, or null at the end. */
    Event next() throws IOException {
        long damageStart = -1;
        String reason = null;
        ByteArrayOutputStream assembling = null;
        long recordStart = -1;
        boolean recordInBatch = false;
        while (true) {
            Physical p = readPhysical();
            if (p == null) {
                if (assembling != null && damageStart < 0) {
                    damageStart = recordStart;
                    reason = "record cut short by the end of the file";
                }
                return damageStart >= 0 ? new Damage(damageStart, end, reason) : null;
            }
            if (p.problem != null) {
                if (damageStart < 0) {
                    damageStart = assembling != null ? recordStart : p.offset;
                    reason = p.problem + " at offset " + p.offset;
                }
                assembling = null;
                position = Math.min(end, (p.offset / BLOCK_SIZE + 1) * BLOCK_SIZE);
                continue;
            }
            if (p.type == WalFormat.FULL || p.type == WalFormat.FIRST) {
                if (assembling != null && damageStart < 0) {
                    damageStart = recordStart;
                    reason = "record at " + recordStart + " has no LAST fragment before the record at " + p.offset;
                }
                if (damageStart >= 0) {
                    position = p.offset; // read it again on the next call
                    return new Damage(damageStart, p.offset, reason);
                }
                if (p.type == WalFormat.FULL) {
                    return new Record(p.offset, position, p.payload(), p.batchMember());
                }
                assembling = new ByteArrayOutputStream(Math.max(64, 2 * p.length));
                assembling.write(block, p.payloadAt, p.length);
                recordStart = p.offset;
                recordInBatch = p.batchMember();
                continue;
            }
            if (assembling == null) {
                if (damageStart < 0) {
                    damageStart = p.offset;
                    reason = "fragment without its FIRST at offset " + p.offset;
                }
                continue;
            }
            assembling.write(block, p.payloadAt, p.length);
            if (p.type == WalFormat.LAST) {
                return new Record(recordStart, position, assembling.toByteArray(), recordInBatch);
            }
        }
    }

    /**
     * Whether an intact FULL or FIRST record starts anywhere after {@code offset}, scanning byte by
     * byte (not only at block starts, so that damage inside a block cannot hide the intact records
     * after it). A payload that embeds a framed record can fool this into saying yes; the answer
     * then errs towards reporting corruption, never towards cutting intact data.
     */
    boolean validRecordStartsAfter(long offset) throws IOException {
        for (long blockAt = (offset + 1) / BLOCK_SIZE * BLOCK_SIZE; blockAt < end; blockAt += BLOCK_SIZE) {
            load(blockAt);
            int from = (int) Math.max(0, offset + 1 - blockAt);
            for (int i = from; i + RECORD_HEADER_SIZE <= blockLength; i++) {
                int type = block[i + 6] & ~WalFormat.BATCH_FLAG & 0xFF;
                if (type != WalFormat.FULL && type != WalFormat.FIRST) {
                    continue;
                }
                int length = (block[i + 4] & 0xFF) | (block[i + 5] & 0xFF) << 8;
                if (i + RECORD_HEADER_SIZE + length <= blockLength && checksumMatches(i, length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One physical record at {@link #position}, which it advances; null at the end. */
    private Physical readPhysical() throws IOException {
        while (true) {
            if (position >= end) {
                return null;
            }
            long blockAt = position / BLOCK_SIZE * BLOCK_SIZE;
            load(blockAt);
            int i = (int) (position - blockAt);
            if (BLOCK_SIZE - i < RECORD_HEADER_SIZE) {
                position = blockAt + BLOCK_SIZE; // trailer
                continue;
            }
            long at = position;
            if (blockLength - i < RECORD_HEADER_SIZE) {
                return Physical.bad(at, "record header cut short by the end of the file");
            }
            int length = (block[i + 4] & 0xFF) | (block[i + 5] & 0xFF) << 8;
            int flags = block[i + 6] & WalFormat.BATCH_FLAG;
            byte type = (byte) (block[i + 6] & ~WalFormat.BATCH_FLAG);
            if (type < WalFormat.FULL || type > WalFormat.LAST) {
                return Physical.bad(at, "invalid record type " + (block[i + 6] & 0xFF));
            }
            if (i + RECORD_HEADER_SIZE + length > BLOCK_SIZE) {
                return Physical.bad(at, "record length " + length + " runs past the end of its block");
            }
            if (i + RECORD_HEADER_SIZE + length > blockLength) {
                return Physical.bad(at, "record cut short by the end of the file");
            }
            if (!checksumMatches(i, length)) {
                return Physical.bad(at, "checksum mismatch");
            }
            position = at + RECORD_HEADER_SIZE + length;
            return new Physical(at, type, flags != 0, i + RECORD_HEADER_SIZE, length, null, block);
        }
    }

    private boolean checksumMatches(int i, int length) {
        int stored = (block[i] & 0xFF) | (block[i + 1] & 0xFF) << 8 | (block[i + 2] & 0xFF) << 16 | (block[i + 3] & 0xFF) << 24;
        crc.reset();
        crc.update(block, i + 4, 3 + length);
        return stored == WalFormat.mask((int) crc.getValue());
    }

    private void load(long blockAt) throws IOException {
        if (blockAt == blockStart) {
            return;
        }
        int length = (int) Math.min(BLOCK_SIZE, end - blockAt);
        file.readFully(ByteBuffer.wrap(block, 0, length), blockAt);
        blockStart = blockAt;
        blockLength = length;
    }

    private record Physical(long offset, byte type, boolean batchMember, int payloadAt, int length, String problem,
                            byte[] block) {
        static Physical bad(long offset, String problem) {
            return new Physical(offset, (byte) 0, false, 0, 0, problem, null);
        }

        byte[] payload() {
            byte[] copy = new byte[length];
            System.arraycopy(block, payloadAt, copy, 0, length);
            return copy;
        }
    }
}
