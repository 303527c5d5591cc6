package io.proximadb.wal.bincode;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes bincode version 1 payloads. Strict: unknown tags, out-of-range numbers, malformed UTF-8,
 * duplicate keys and trailing bytes are all {@link WalFormatException}s naming the offset, because
 * the kernel has already verified the checksum and anything odd here is a writer bug.
 *
 * <p>Thread safety: none, as the SPI allows; it reuses one UTF-8 decoder across payloads.
 */
final class BincodeDecoder implements WalDecoder {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

    @Override
    public WalEntry decode(byte[] payload) throws WalFormatException {
        BincodeReader in = new BincodeReader(payload, utf8);
        int tag = in.readByte("entry tag");
        long sequence = in.readUVarint("sequence");
        WalEntry entry = switch (tag) {
            case BincodeFormat.UPSERT -> {
                String collection = in.readString("collection");
                String id = in.readString("record id");
                long expiresAt = nonNegative(in, in.readUVarint("expiry"), "expiry");
                float[] vector = in.readVector();
                yield new WalEntry.Upsert(sequence, collection, new VectorRecord(id, vector, in.readObject(1), expiresAt));
            }
            case BincodeFormat.DELETE -> new WalEntry.Delete(sequence, in.readString("collection"), in.readString("record id"));
            case BincodeFormat.BATCH_BEGIN -> new WalEntry.BatchBegin(sequence, in.readString("collection"), in.readInt("batch size"));
            case BincodeFormat.BATCH_COMMIT -> new WalEntry.BatchCommit(sequence, in.readString("collection"), in.readUVarint("begin sequence"));
            case BincodeFormat.CREATE_COLLECTION -> new WalEntry.CreateCollection(sequence, readSpec(in));
            case BincodeFormat.DROP_COLLECTION -> new WalEntry.DropCollection(sequence, in.readString("collection"));
            default -> throw new WalFormatException("unknown bincode entry tag 0x" + Integer.toHexString(tag) + " at offset 0");
        };
        in.expectEnd();
        return entry;
    }

    private static CollectionSpec readSpec(BincodeReader in) throws WalFormatException {
        String name = in.readString("collection name");
        int at = in.position();
        int dimension = in.readInt("dimension");
        if (dimension == 0) {
            throw new WalFormatException("collection dimension 0 at offset " + at + " (must be positive)");
        }
        at = in.position();
        String metricName = in.readString("metric");
        Metric metric;
        try {
            metric = Metric.fromName(metricName);
        } catch (IllegalArgumentException e) {
            throw new WalFormatException(e.getMessage() + " (at offset " + at + ")", e);
        }
        String memtable = in.readString("memtable");
        String walCodec = in.readString("WAL codec");
        String index = in.readString("index");
        int count = in.readCount("option count", 2);
        Map<String, String> options = HashMap.newHashMap(count);
        for (int i = 0; i < count; i++) {
            at = in.position();
            String key = in.readString("option key");
            if (options.put(key, in.readString("option value")) != null) {
                throw new WalFormatException("duplicate option '" + key + "' at offset " + at);
            }
        }
        return new CollectionSpec(name, dimension, metric, memtable, walCodec, index, options);
    }

    private static long nonNegative(BincodeReader in, long value, String what) throws WalFormatException {
        if (value < 0) {
            throw in.error(what + " " + Long.toUnsignedString(value) + " is above 2^63-1");
        }
        return value;
    }
}
