package io.proximadb.kernel.wal;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain DataOutput codec, so that the log's own tests do not depend on the codec plugins. Not
 * registered with the ServiceLoader; the contract suite also runs over every registered codec.
 */
final class ReferenceWalCodec implements WalCodec {

    private static final byte[] HEADER = {'r', 'e', 'f', 1};
    private final String name;

    ReferenceWalCodec() {
        this("reference");
    }

    ReferenceWalCodec(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] formatHeader() {
        return HEADER.clone();
    }

    @Override
    public WalDecoder decoder(byte[] formatHeader) throws WalFormatException {
        if (!Arrays.equals(formatHeader, HEADER)) {
            throw new WalFormatException("unknown reference format " + Arrays.toString(formatHeader));
        }
        return payload -> {
            try {
                return read(new DataInputStream(new ByteArrayInputStream(payload)));
            } catch (IOException | RuntimeException e) {
                throw new WalFormatException("bad payload", e);
            }
        };
    }

    @Override
    public byte[] encode(WalEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(entry.sequence());
            switch (entry) {
                case WalEntry.Upsert u -> {
                    out.writeByte(1);
                    out.writeUTF(u.collection());
                    out.writeUTF(u.record().id());
                    out.writeInt(u.record().vector().length);
                    for (float f : u.record().vector()) {
                        out.writeFloat(f);
                    }
                    writeValue(out, u.record().metadata());
                    out.writeLong(u.record().expiresAtMillis());
                }
                case WalEntry.Delete d -> {
                    out.writeByte(2);
                    out.writeUTF(d.collection());
                    out.writeUTF(d.id());
                }
                case WalEntry.BatchBegin b -> {
                    out.writeByte(3);
                    out.writeUTF(b.collection());
                    out.writeInt(b.size());
                }
                case WalEntry.BatchCommit c -> {
                    out.writeByte(4);
                    out.writeUTF(c.collection());
                    out.writeLong(c.beginSequence());
                }
                case WalEntry.CreateCollection c -> {
                    out.writeByte(5);
                    CollectionSpec s = c.spec();
                    out.writeUTF(s.name());
                    out.writeInt(s.dimension());
                    out.writeUTF(s.metric().name());
                    out.writeUTF(s.memtable());
                    out.writeUTF(s.walCodec());
                    out.writeUTF(s.index());
                    out.writeInt(s.options().size());
                    for (Map.Entry<String, String> option : s.options().entrySet()) {
                        out.writeUTF(option.getKey());
                        out.writeUTF(option.getValue());
                    }
                }
                case WalEntry.DropCollection d -> {
                    out.writeByte(6);
                    out.writeUTF(d.collection());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static WalEntry read(DataInputStream in) throws IOException {
        long sequence = in.readLong();
        int type = in.readByte();
        WalEntry entry = switch (type) {
            case 1 -> {
                String collection = in.readUTF();
                String id = in.readUTF();
                float[] vector = new float[in.readInt()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = in.readFloat();
                }
                Value.Obj metadata = (Value.Obj) readValue(in);
                yield new WalEntry.Upsert(sequence, collection, new VectorRecord(id, vector, metadata, in.readLong()));
            }
            case 2 -> new WalEntry.Delete(sequence, in.readUTF(), in.readUTF());
            case 3 -> new WalEntry.BatchBegin(sequence, in.readUTF(), in.readInt());
            case 4 -> new WalEntry.BatchCommit(sequence, in.readUTF(), in.readLong());
            case 5 -> {
                String name = in.readUTF();
                int dimension = in.readInt();
                Metric metric = Metric.valueOf(in.readUTF());
                String memtable = in.readUTF();
                String walCodec = in.readUTF();
                String index = in.readUTF();
                Map<String, String> options = new TreeMap<>();
                for (int n = in.readInt(); n > 0; n--) {
                    options.put(in.readUTF(), in.readUTF());
                }
                yield new WalEntry.CreateCollection(sequence,
                        new CollectionSpec(name, dimension, metric, memtable, walCodec, index, options));
            }
            case 6 -> new WalEntry.DropCollection(sequence, in.readUTF());
            default -> throw new IOException("unknown entry type " + type);
        };
        if (in.available() != 0) {
            throw new IOException(in.available() + " trailing bytes");
        }
        return entry;
    }

    private static void writeValue(DataOutputStream out, Value value) throws IOException {
        switch (value) {
            case Value.Str s -> {
                out.writeByte(1);
                out.writeUTF(s.value());
            }
            case Value.Int i -> {
                out.writeByte(2);
                out.writeLong(i.value());
            }
            case Value.Real r -> {
                out.writeByte(3);
                out.writeDouble(r.value());
            }
            case Value.Bool b -> {
                out.writeByte(4);
                out.writeBoolean(b.value());
            }
            case Value.Array a -> {
                out.writeByte(5);
                out.writeInt(a.values().size());
                for (Value v : a.values()) {
                    writeValue(out, v);
                }
            }
            case Value.Obj o -> {
                out.writeByte(6);
                out.writeInt(o.fields().size());
                for (Map.Entry<String, Value> field : o.fields().entrySet()) {
                    out.writeUTF(field.getKey());
                    writeValue(out, field.getValue());
                }
            }
        }
    }

    private static Value readValue(DataInputStream in) throws IOException {
        int type = in.readByte();
        return switch (type) {
            case 1 -> new Value.Str(in.readUTF());
            case 2 -> new Value.Int(in.readLong());
            case 3 -> new Value.Real(in.readDouble());
            case 4 -> in.readBoolean() ? Value.Bool.TRUE : Value.Bool.FALSE;
            case 5 -> {
                List<Value> values = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    values.add(readValue(in));
                }
                yield new Value.Array(values);
            }
            case 6 -> {
                Map<String, Value> fields = new TreeMap<>();
                for (int n = in.readInt(); n > 0; n--) {
                    fields.put(in.readUTF(), readValue(in));
                }
                yield new Value.Obj(fields);
            }
            default -> throw new IOException("unknown value type " + type);
        };
    }
}
