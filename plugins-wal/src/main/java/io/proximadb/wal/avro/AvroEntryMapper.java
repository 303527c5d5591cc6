package io.proximadb.wal.avro;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.wal.EntryRules;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Maps {@link WalEntry} values to generic records of the current schema and back.
 *
 * <p>Vectors are Avro {@code bytes} holding little-endian float32, not {@code array<float>}:
 * the generic API boxes every element of an array (a 2048-dimension vector would cost 2048
 * {@code Float} objects per write and per read), while {@code bytes} is one bulk copy each way.
 * The price is that schema-driven tools show the vector as opaque bytes.
 *
 * <p>Thread safety: immutable; the schemas it holds are immutable.
 */
final class AvroEntryMapper {

    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Schema upsert;
    private final Schema delete;
    private final Schema batchBegin;
    private final Schema batchCommit;
    private final Schema create;
    private final Schema drop;
    private final Schema spec;
    private final Schema metaObject;
    private final Schema metaArray;

    AvroEntryMapper(AvroSchemas schemas) {
        upsert = schemas.type("Upsert");
        delete = schemas.type("Delete");
        batchBegin = schemas.type("BatchBegin");
        batchCommit = schemas.type("BatchCommit");
        create = schemas.type("CreateCollection");
        drop = schemas.type("DropCollection");
        spec = create.getField("spec").schema();
        metaObject = upsert.getField("metadata").schema();
        metaArray = metaObject.getField("fields").schema().getValueType().getTypes().stream()
                .filter(type -> type.getName().equals("MetaArray")).findFirst().orElseThrow();
    }

    GenericRecord toRecord(WalEntry entry) {
        return switch (entry) {
            case WalEntry.Upsert u -> {
                GenericRecord r = record(upsert, u);
                r.put("id", text(u.record().id(), "record id"));
                r.put("vector", vectorBytes(u.record().vector()));
                r.put("metadata", object(u.record().metadata(), 1));
                r.put("expiresAtMillis", u.record().expiresAtMillis());
                yield r;
            }
            case WalEntry.Delete d -> {
                GenericRecord r = record(delete, d);
                r.put("id", text(d.id(), "record id"));
                yield r;
            }
            case WalEntry.BatchBegin b -> {
                GenericRecord r = record(batchBegin, b);
                r.put("size", b.size());
                yield r;
            }
            case WalEntry.BatchCommit c -> {
                GenericRecord r = record(batchCommit, c);
                r.put("beginSequence", c.beginSequence());
                yield r;
            }
            case WalEntry.CreateCollection c -> {
                GenericRecord r = new GenericData.Record(create);
                r.put("sequence", c.sequence());
                r.put("spec", spec(c.spec()));
                yield r;
            }
            case WalEntry.DropCollection d -> record(drop, d);
        };
    }

    /** The entry a record of the current schema describes. */
    WalEntry toEntry(GenericRecord r) {
        long sequence = (Long) r.get("sequence");
        return switch (r.getSchema().getName()) {
            case "Upsert" -> new WalEntry.Upsert(sequence, str(r, "collection"), new VectorRecord(str(r, "id"),
                    vector((ByteBuffer) r.get("vector")), object((GenericRecord) r.get("metadata")),
                    (Long) r.get("expiresAtMillis")));
            case "Delete" -> new WalEntry.Delete(sequence, str(r, "collection"), str(r, "id"));
            case "BatchBegin" -> new WalEntry.BatchBegin(sequence, str(r, "collection"), (Integer) r.get("size"));
            case "BatchCommit" -> new WalEntry.BatchCommit(sequence, str(r, "collection"), (Long) r.get("beginSequence"));
            case "CreateCollection" -> new WalEntry.CreateCollection(sequence, spec((GenericRecord) r.get("spec")));
            case "DropCollection" -> new WalEntry.DropCollection(sequence, str(r, "collection"));
            default -> throw new IllegalArgumentException("unknown entry record " + r.getSchema().getFullName());
        };
    }

    private GenericRecord record(Schema schema, WalEntry entry) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("sequence", entry.sequence());
        r.put("collection", text(entry.collection(), "collection"));
        return r;
    }

    private GenericRecord spec(CollectionSpec s) {
        GenericRecord r = new GenericData.Record(spec);
        r.put("name", text(s.name(), "collection name"));
        r.put("dimension", s.dimension());
        r.put("metric", s.metric().configName());
        r.put("memtable", text(s.memtable(), "memtable"));
        r.put("walCodec", text(s.walCodec(), "WAL codec"));
        r.put("index", text(s.index(), "index"));
        Map<String, String> options = new LinkedHashMap<>();
        s.options().forEach((key, value) -> options.put(text(key, "option key"), text(value, "option value")));
        r.put("options", options);
        return r;
    }

    private static CollectionSpec spec(GenericRecord r) {
        Map<String, String> options = new HashMap<>();
        ((Map<?, ?>) r.get("options")).forEach((key, value) -> options.put(key.toString(), value.toString()));
        return new CollectionSpec(str(r, "name"), (Integer) r.get("dimension"), Metric.fromName(str(r, "metric")),
                str(r, "memtable"), str(r, "walCodec"), str(r, "index"), options);
    }

    private GenericRecord object(Value.Obj obj, int depth) {
        EntryRules.requireDepth(depth);
        Map<String, Object> fields = new LinkedHashMap<>();
        obj.fields().forEach((key, value) -> fields.put(text(key, "metadata key"), value(value, depth)));
        GenericRecord r = new GenericData.Record(metaObject);
        r.put("fields", fields);
        return r;
    }

    private Object value(Value value, int depth) {
        return switch (value) {
            case Value.Str s -> text(s.value(), "metadata string");
            case Value.Int i -> i.value();
            case Value.Real d -> d.value();
            case Value.Bool b -> b.value();
            case Value.Array a -> {
                EntryRules.requireDepth(depth + 1);
                List<Object> items = new ArrayList<>(a.values().size());
                a.values().forEach(element -> items.add(value(element, depth + 1)));
                GenericRecord r = new GenericData.Record(metaArray);
                r.put("items", items);
                yield r;
            }
            case Value.Obj o -> object(o, depth + 1);
        };
    }

    private static Value.Obj object(GenericRecord r) {
        Map<String, Value> fields = new HashMap<>();
        ((Map<?, ?>) r.get("fields")).forEach((key, value) -> fields.put(key.toString(), value(value)));
        return new Value.Obj(fields);
    }

    private static Value value(Object datum) {
        return switch (datum) {
            case CharSequence s -> new Value.Str(s.toString());
            case Long l -> new Value.Int(l);
            case Double d -> new Value.Real(d);
            case Boolean b -> b ? Value.Bool.TRUE : Value.Bool.FALSE;
            case GenericRecord r when r.getSchema().getName().equals("MetaArray") -> {
                List<?> items = (List<?>) r.get("items");
                List<Value> values = new ArrayList<>(items.size());
                items.forEach(item -> values.add(value(item)));
                yield new Value.Array(values);
            }
            case GenericRecord r -> object(r);
            default -> throw new IllegalArgumentException("unexpected metadata datum " + datum.getClass().getName());
        };
    }

    private static ByteBuffer vectorBytes(float[] vector) {
        byte[] bytes = new byte[Math.multiplyExact(vector.length, Float.BYTES)];
        MemorySegment.copy(vector, 0, MemorySegment.ofArray(bytes), FLOAT_LE, 0, vector.length);
        return ByteBuffer.wrap(bytes);
    }

    private static float[] vector(ByteBuffer bytes) {
        if (bytes.remaining() % Float.BYTES != 0) {
            throw new IllegalArgumentException("vector of " + bytes.remaining() + " bytes is not a whole number of float32");
        }
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        MemorySegment.copy(MemorySegment.ofBuffer(bytes), FLOAT_LE, 0, vector, 0, vector.length);
        return vector;
    }

    private static String text(String value, String what) {
        return EntryRules.requireWellFormed(value, what);
    }

    private static String str(GenericRecord r, String field) {
        return r.get(field).toString();
    }
}
