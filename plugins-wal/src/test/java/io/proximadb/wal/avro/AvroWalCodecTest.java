package io.proximadb.wal.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalCodecContractTest;
import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** The WAL contract for {@code avro}, plus its header, schema pinning and schema evolution. */
class AvroWalCodecTest extends WalCodecContractTest {

    /** Fingerprints of shipped schemas are on disk in log files: they must never change. */
    private static final long V1_FINGERPRINT = 0xdce759c20688e3b5L;
    private static final long V2_FINGERPRINT = 0xefdd1738ec2ba6a8L;

    private final AvroWalCodec codec = new AvroWalCodec();

    @Override
    protected WalCodec codec() {
        return codec;
    }

    @Example
    void shippedSchemasNeverChange() {
        assertThat(AvroHeader.hex(fingerprint("wal-v1.avsc"))).isEqualTo(AvroHeader.hex(V1_FINGERPRINT));
        assertThat(AvroHeader.hex(fingerprint("wal-v2.avsc"))).isEqualTo(AvroHeader.hex(V2_FINGERPRINT));
    }

    @Example
    void headerIsMagicThenCurrentFingerprintLittleEndian() {
        byte[] expected = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {'P', 'X', 'W', 'A'}).putLong(V2_FINGERPRINT).array();
        assertThat(codec.formatHeader()).isEqualTo(expected);
    }

    @Example
    void everyShippedSchemaCanBeReadByTheCurrentOne() {
        Schema current = AvroSchemas.load(AvroSchemas.VERSIONS.getLast());
        for (String version : AvroSchemas.VERSIONS) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, AvroSchemas.load(version)).getType())
                    .as(version).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    /** A file written by the v1 codec: collection specs had no options; they read back as none. */
    @Example
    void filesWrittenUnderV1AreReadWithDefaults() throws Exception {
        Schema v1 = AvroSchemas.load("wal-v1.avsc");
        Schema createV1 = branch(v1, "CreateCollection");
        GenericRecord spec = new GenericData.Record(createV1.getField("spec").schema());
        spec.put("name", "docs");
        spec.put("dimension", 3);
        spec.put("metric", "cosine");
        spec.put("memtable", "skiplist");
        spec.put("walCodec", "avro");
        spec.put("index", "hnsw");
        GenericRecord create = new GenericData.Record(createV1);
        create.put("sequence", 7L);
        create.put("spec", spec);

        Schema upsertV1 = branch(v1, "Upsert");
        GenericRecord metadata = new GenericData.Record(upsertV1.getField("metadata").schema());
        metadata.put("fields", Map.of("lang", "en"));
        GenericRecord upsert = new GenericData.Record(upsertV1);
        upsert.put("sequence", 8L);
        upsert.put("collection", "docs");
        upsert.put("id", "a");
        upsert.put("vector", ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(-0f).putFloat(2f).flip());
        upsert.put("metadata", metadata);
        upsert.put("expiresAtMillis", 0L);

        WalDecoder decoder = codec.decoder(AvroHeader.of(V1_FINGERPRINT));
        assertThat(decoder.decode(write(v1, create))).isEqualTo(new WalEntry.CreateCollection(7,
                new CollectionSpec("docs", 3, Metric.COSINE, "skiplist", "avro", "hnsw", Map.of())));
        assertThat(decoder.decode(write(v1, upsert))).isEqualTo(new WalEntry.Upsert(8, "docs",
                new VectorRecord("a", new float[] {1f, -0f, 2f}, new Value.Obj(Map.of("lang", new Value.Str("en"))))));
    }

    @Example
    void unknownFingerprintIsRefusedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> codec.decoder(AvroHeader.of(0x0123456789abcdefL)))
                .isInstanceOf(WalFormatException.class)
                .hasMessageContaining("0x0123456789abcdef")
                .hasMessageContaining("wal-v1.avsc = " + AvroHeader.hex(V1_FINGERPRINT))
                .hasMessageContaining("wal-v2.avsc = " + AvroHeader.hex(V2_FINGERPRINT));
    }

    /** Payloads are plain Avro binary: any Avro reader with the schema reads them. */
    @Example
    void payloadsArePlainAvro() throws Exception {
        WalEntry entry = new WalEntry.Delete(5, "docs", "a");
        Schema current = AvroSchemas.load(AvroSchemas.VERSIONS.getLast());
        Object datum = new GenericDatumReader<>(current).read(null,
                DecoderFactory.get().binaryDecoder(codec.encode(entry), null));
        assertThat(datum.toString()).isEqualTo("{\"sequence\": 5, \"collection\": \"docs\", \"id\": \"a\"}");
    }

    @Example
    void forgedLengthsFailBeforeAllocating() throws WalFormatException {
        WalDecoder decoder = codec.decoder(codec.formatHeader());
        // Union branch 1 (Delete), sequence 0, then a collection string claiming 2^62 bytes.
        byte[] hugeString = HexFormat.ofDelimiter(" ").parseHex("02 00 80 80 80 80 80 80 80 80 7f 61");
        assertThatThrownBy(() -> decoder.decode(hugeString))
                .isInstanceOf(WalFormatException.class).hasMessageContaining("truncated");
        // Upsert: sequence 0, "c", "", then a vector claiming 2^30 bytes.
        byte[] hugeVector = HexFormat.ofDelimiter(" ").parseHex("00 00 02 63 00 80 80 80 80 08 00");
        assertThatThrownBy(() -> decoder.decode(hugeVector))
                .isInstanceOf(WalFormatException.class).hasMessageContaining("truncated");
    }

    @Example
    void deepMetadataIsRefusedOnBothSides() throws WalFormatException {
        Value.Obj deep = Value.Obj.EMPTY;
        for (int i = 0; i < 256; i++) {
            deep = new Value.Obj(Map.of("d", deep));
        }
        Value.Obj tooDeep = deep;
        assertThatThrownBy(() -> codec.encode(new WalEntry.Upsert(1, "c", new VectorRecord("x", new float[] {1f}, tooDeep))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deeper than 256");
        // Upsert, seq 0, "c", "", one float, then 300 single-field maps {"d": MetaObject{...}}.
        String forged = "00 00 02 63 00 08 00 00 80 3f" + " 02 02 64 0a".repeat(300);
        WalDecoder decoder = codec.decoder(codec.formatHeader());
        assertThatThrownBy(() -> decoder.decode(HexFormat.ofDelimiter(" ").parseHex(forged)))
                .isInstanceOf(WalFormatException.class).hasMessageContaining("deeper than 256");
    }

    @Example
    void metadataArraysRoundTrip() throws WalFormatException {
        WalEntry entry = new WalEntry.Upsert(1, "c", new VectorRecord("x", new float[] {1f},
                new Value.Obj(Map.of("a", new Value.Array(List.of(new Value.Array(List.of(new Value.Int(1))), Value.Obj.EMPTY))))));
        assertThat(codec.decoder(codec.formatHeader()).decode(codec.encode(entry))).isEqualTo(entry);
    }

    private static long fingerprint(String resource) {
        return SchemaNormalization.parsingFingerprint64(AvroSchemas.load(resource));
    }

    private static Schema branch(Schema union, String name) {
        return union.getTypes().stream().filter(type -> type.getName().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] write(Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<Object>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
