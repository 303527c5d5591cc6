package io.proximadb.wal.bincode;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@code bincode} WAL strategy: ProximaDB's own compact little-endian layout, specified in
 * {@code docs/formats/bincode.md}. Varints keep sequence numbers and lengths short, vectors are
 * raw float32 copied in bulk, and there is no schema to resolve, so it is the fastest codec and
 * the default.
 *
 * <p>Thread safety: the codec holds no mutable state; each {@link #encode} call uses its own
 * buffer, so any number of writer threads may encode at once. Decoders are per file and per thread.
 */
public final class BincodeWalCodec implements WalCodec {

    @Override
    public String name() {
        return "bincode";
    }

    @Override
    public String description() {
        return "compact little-endian binary log entries (format v" + BincodeFormat.VERSION + ")";
    }

    @Override
    public byte[] formatHeader() {
        return BincodeFormat.header(BincodeFormat.VERSION);
    }

    /**
     * @throws IllegalArgumentException if a string is not well-formed Unicode or metadata nests
     *                                  deeper than {@link io.proximadb.wal.EntryRules#MAX_METADATA_DEPTH}
     */
    @Override
    public byte[] encode(WalEntry entry) {
        int vectorBytes = entry instanceof WalEntry.Upsert upsert ? 4 * upsert.record().vector().length : 0;
        BincodeWriter out = new BincodeWriter(64 + vectorBytes);
        switch (entry) {
            case WalEntry.Upsert upsert -> {
                head(out, BincodeFormat.UPSERT, entry);
                out.writeString(upsert.collection(), "collection");
                out.writeString(upsert.record().id(), "record id");
                out.writeUVarint(upsert.record().expiresAtMillis());
                out.writeVector(upsert.record().vector());
                out.writeObject(upsert.record().metadata(), 1);
            }
            case WalEntry.Delete delete -> {
                head(out, BincodeFormat.DELETE, entry);
                out.writeString(delete.collection(), "collection");
                out.writeString(delete.id(), "record id");
            }
            case WalEntry.BatchBegin begin -> {
                head(out, BincodeFormat.BATCH_BEGIN, entry);
                out.writeString(begin.collection(), "collection");
                out.writeUVarint(begin.size());
            }
            case WalEntry.BatchCommit commit -> {
                head(out, BincodeFormat.BATCH_COMMIT, entry);
                out.writeString(commit.collection(), "collection");
                out.writeUVarint(commit.beginSequence());
            }
            case WalEntry.CreateCollection create -> {
                head(out, BincodeFormat.CREATE_COLLECTION, entry);
                writeSpec(out, create.spec());
            }
            case WalEntry.DropCollection drop -> {
                head(out, BincodeFormat.DROP_COLLECTION, entry);
                out.writeString(drop.collection(), "collection");
            }
        }
        return out.toByteArray();
    }

    @Override
    public WalDecoder decoder(byte[] formatHeader) throws WalFormatException {
        if (formatHeader.length != BincodeFormat.HEADER_LENGTH
                || !Arrays.equals(formatHeader, 0, BincodeFormat.MAGIC.length, BincodeFormat.MAGIC, 0, BincodeFormat.MAGIC.length)) {
            throw new WalFormatException("not a bincode WAL header: expected " + BincodeFormat.HEADER_LENGTH
                    + " bytes starting with magic " + HexFormat.ofDelimiter(" ").formatHex(BincodeFormat.MAGIC)
                    + " (\"PXWB\"), found " + formatHeader.length + " bytes: " + HexFormat.ofDelimiter(" ").formatHex(formatHeader));
        }
        int version = readVersion(formatHeader);
        if (Arrays.stream(BincodeFormat.KNOWN_VERSIONS).noneMatch(known -> known == version)) {
            throw new WalFormatException("bincode WAL format version " + Integer.toUnsignedString(version)
                    + " is not supported; known versions: " + Arrays.toString(BincodeFormat.KNOWN_VERSIONS)
                    + " (was the file written by a newer ProximaDB?)");
        }
        return new BincodeDecoder();
    }

    private static int readVersion(byte[] header) {
        int version = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            version |= (header[BincodeFormat.MAGIC.length + i] & 0xff) << (8 * i);
        }
        return version;
    }

    private static void head(BincodeWriter out, int tag, WalEntry entry) {
        out.writeByte(tag);
        out.writeUVarint(entry.sequence());
    }

    private static void writeSpec(BincodeWriter out, CollectionSpec spec) {
        out.writeString(spec.name(), "collection name");
        out.writeUVarint(spec.dimension());
        out.writeString(spec.metric().configName(), "metric");
        out.writeString(spec.memtable(), "memtable");
        out.writeString(spec.walCodec(), "WAL codec");
        out.writeString(spec.index(), "index");
        out.writeUVarint(spec.options().size());
        for (Map.Entry<String, String> option : spec.options().entrySet()) {
            out.writeString(option.getKey(), "option key");
            out.writeString(option.getValue(), "option value");
        }
    }
}
