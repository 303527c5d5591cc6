package io.proximadb.wal.avro;

import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The Avro-touching half of {@link AvroWalCodec}, loaded only after Avro is known to be on the
 * class path.
 *
 * <p>Thread safety: {@link #encode} is thread-safe. The schemas and the mapper are immutable;
 * {@link GenericDatumWriter} keeps no per-call state once its schema is set (its only fields are
 * the {@code GenericData} model and the root schema), and each call gets its own encoder and
 * output stream, which are not thread-safe and are therefore never shared.
 */
final class AvroCodec {

    private final AvroSchemas schemas = new AvroSchemas();
    private final AvroEntryMapper mapper = new AvroEntryMapper(schemas);
    private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schemas.current());
    private final EncoderFactory encoders = new EncoderFactory();

    byte[] formatHeader() {
        return AvroHeader.of(schemas.currentFingerprint());
    }

    byte[] encode(WalEntry entry) {
        GenericRecord record = mapper.toRecord(entry);
        int vectorBytes = entry instanceof WalEntry.Upsert upsert ? 4 * upsert.record().vector().length : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + vectorBytes);
        BinaryEncoder encoder = encoders.directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory Avro encoding failed", e);
        }
        return out.toByteArray();
    }

    WalDecoder decoder(byte[] header) throws WalFormatException {
        long fingerprint = AvroHeader.fingerprint(header);
        Schema writerSchema = schemas.forFingerprint(fingerprint);
        if (writerSchema == null) {
            throw new WalFormatException("unknown avro WAL schema fingerprint " + AvroHeader.hex(fingerprint)
                    + "; this version reads " + schemas.describeKnown()
                    + " (was the file written by a newer ProximaDB?)");
        }
        return new AvroWalDecoder(writerSchema, schemas.current(), mapper);
    }
}
