package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.metastore.MetadataMutation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One logged commit: the revision it made and its net changes. Conditions are checked before a
 * commit is logged and are not logged: replay only re-applies what happened.
 *
 * <p>Payload: revision (u64), change count (u32), then per change an op byte ({@link #PUT} or
 * {@link #DELETE}), the key, and for a put the value; strings are a u32 UTF-8 byte length and the
 * bytes. Little-endian.
 */
record CommitRecord(long revision, List<MetadataMutation> changes) {

    static final int PUT = 1;
    static final int DELETE = 2;
    /** A payload is at least a revision and a change count. */
    static final int MIN_PAYLOAD = Long.BYTES + Integer.BYTES;

    CommitRecord {
        changes = List.copyOf(changes);
    }

    byte[] encode() {
        BinaryWriter out = new BinaryWriter().putLong(revision).putInt(changes.size());
        for (MetadataMutation change : changes) {
            switch (change) {
                case MetadataMutation.Put put -> out.putByte(PUT).putString(put.key()).putString(put.value());
                case MetadataMutation.Delete delete -> out.putByte(DELETE).putString(delete.key());
                default -> throw new IllegalArgumentException("conditions are not logged: " + change);
            }
        }
        return out.toByteArray();
    }

    /** Decodes the payload in {@code bytes[from, to)}, which it must fill exactly. */
    static CommitRecord decode(byte[] bytes, int from, int to) throws IOException {
        BinaryReader in = new BinaryReader(bytes, from, to);
        long revision = in.getLong();
        long count = Integer.toUnsignedLong(in.getInt());
        List<MetadataMutation> changes = new ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            int op = in.getByte();
            changes.add(switch (op) {
                case PUT -> new MetadataMutation.Put(in.getString(), in.getString());
                case DELETE -> new MetadataMutation.Delete(in.getString());
                default -> throw new IOException("unknown change type " + op + " at offset " + (in.position() - 1));
            });
        }
        if (in.hasRemaining()) {
            throw new IOException((to - in.position()) + " unexpected bytes after the last change");
        }
        return new CommitRecord(revision, changes);
    }
}
