package io.proximadb.wal.avro;

import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.io.IOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads the payloads of one log file: Avro resolution from the schema the file was written under
 * (named by its header) to the current schema, so that files of older versions are read with
 * new fields taking their defaults.
 *
 * <p>Thread safety: none, as the SPI allows: {@link GenericDatumReader} caches resolvers and the
 * UTF-8 decoder is reused.
 */
final class AvroWalDecoder implements WalDecoder {

    private final GenericDatumReader<Object> reader;
    private final AvroEntryMapper mapper;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

    AvroWalDecoder(Schema writerSchema, Schema currentSchema, AvroEntryMapper mapper) {
        this.reader = new GenericDatumReader<>(writerSchema, currentSchema);
        this.mapper = mapper;
    }

    @Override
    public WalEntry decode(byte[] payload) throws WalFormatException {
        BoundedBinaryDecoder in = new BoundedBinaryDecoder(payload, utf8);
        try {
            Object datum = reader.read(null, in);
            if (!in.atEnd()) {
                throw new WalFormatException("avro WAL payload has " + (payload.length - in.position())
                        + " trailing bytes after the entry (payload length " + payload.length + ")");
            }
            return mapper.toEntry((GenericRecord) datum);
        } catch (IOException | RuntimeException e) {
            // RuntimeException: Avro's own AvroRuntimeException/AvroTypeException, and the value
            // types' IllegalArgumentException (a non-finite real, a dimension of 0, a bad metric).
            throw new WalFormatException("malformed avro WAL payload: " + e.getMessage(), e);
        }
    }
}
