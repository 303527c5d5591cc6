package io.proximadb.storage.segment.viper;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.SegmentWriteOptions;
import io.proximadb.spi.segment.SegmentWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one VIPER segment. Vectors stream straight to the file behind the header; ids, expiries
 * and metadata are buffered in compact columns (bytes and primitive arrays, no object per
 * record) and written as sections by {@link #finish()}, followed by the footer. A failed write
 * leaves the writer unusable; {@link #close()} without a successful finish deletes the file.
 */
final class ViperWriter implements SegmentWriter {

    private enum State { OPEN, FINISHED, FAILED, CLOSED }

    private final FileSystem fs;
    private final String path;
    private final SegmentWriteOptions options;
    private final Codec codec;
    private final WritableFile file;
    private final FileOutput out;

    private BinaryEntries ids = new BinaryEntries();
    /** Created when the first record with an expiry arrives; earlier records get 0. */
    private LongList expiries;
    private Map<String, FieldBuffer> fields = new HashMap<>();
    private String lastId;
    private int count;
    private State state = State.OPEN;

    ViperWriter(FileSystem fs, String path, SegmentWriteOptions options, Codec codec) throws IOException {
        this.fs = fs;
        this.path = path;
        this.options = options;
        this.codec = codec;
        this.file = fs.create(path);
        try {
            this.out = new FileOutput(file);
            out.putBytes(Envelope.header(options.dimension()));
            out.restartCrc();
        } catch (RuntimeException | Error e) {
            file.close();
            fs.delete(path);
            throw e;
        }
    }

    @Override
    public void add(VectorRecord record) throws IOException {
        requireOpen();
        String id = record.id();
        if (record.vector().length != options.dimension()) {
            throw new IllegalArgumentException("record '" + id + "' has a vector of dimension " + record.vector().length
                    + "; this segment's dimension is " + options.dimension());
        }
        if (lastId != null && Ids.compare(id, lastId) <= 0) {
            throw new IllegalArgumentException("record id '" + id + "' is not after the previous id '" + lastId
                    + "': a segment's records must arrive in strictly increasing id order (Ids.ORDER)");
        }
        if (count == Integer.MAX_VALUE) {
            throw new IllegalStateException("segment '" + path + "' is full: " + count + " records");
        }
        byte[] idBytes = Utf8.encode(id, () -> "record id '" + id + "'");
        for (Map.Entry<String, Value> field : record.metadata().fields().entrySet()) {
            Utf8.requireWellFormed(field.getKey(), () -> "metadata field name of record '" + id + "'");
            ValueCodec.validate(field.getValue(), field.getKey(), 2);
        }
        // Checked: from here on nothing fails but I/O.
        try {
            out.putFloats(record.vector());
        } catch (UncheckedIOException e) {
            state = State.FAILED;
            throw e.getCause();
        }
        ids.add(idBytes);
        if (record.expiresAtMillis() != VectorRecord.NEVER_EXPIRES && expiries == null) {
            expiries = new LongList(count + 16);
            for (int i = 0; i < count; i++) {
                expiries.add(VectorRecord.NEVER_EXPIRES);
            }
        }
        if (expiries != null) {
            expiries.add(record.expiresAtMillis());
        }
        for (Map.Entry<String, Value> field : record.metadata().fields().entrySet()) {
            fields.computeIfAbsent(field.getKey(), FieldBuffer::new).add(count, field.getValue());
        }
        lastId = id;
        count++;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long finish() throws IOException {
        requireOpen();
        try {
            List<SectionEntry> sections = new ArrayList<>();
            long vectorBytes = out.position() - Layout.HEADER_SIZE;
            sections.add(new SectionEntry(Layout.VECTORS, Layout.HEADER_SIZE, vectorBytes, Codec.NONE, vectorBytes, out.crc()));
            SectionOutput section = new SectionOutput(out, codec, options.compressionLevel());
            section.begin(Layout.IDS);
            ids.writeColumn(section);
            sections.add(section.end());
            if (expiries != null) {
                section.begin(Layout.EXPIRIES);
                for (int i = 0; i < count; i++) {
                    section.putLong(expiries.get(i));
                }
                sections.add(section.end());
            }
            List<FieldBuffer> ordered = new ArrayList<>(fields.values());
            ordered.sort(Comparator.comparing(FieldBuffer::name, Ids.ORDER));
            List<FieldInfo> infos = new ArrayList<>(ordered.size());
            for (int i = 0; i < ordered.size(); i++) {
                infos.add(ordered.get(i).write(i, section, sections, options.bitmapIndexMaxDistinct()));
            }
            Envelope.writeFooter(out, new Footer(count, options.dimension(), sections, infos));
            long size = out.position();
            out.syncAndClose();
            state = State.FINISHED;
            ids = null;
            expiries = null;
            fields = null;
            return size;
        } catch (UncheckedIOException e) {
            state = State.FAILED;
            throw e.getCause();
        } catch (IOException | RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("segment writer for '" + path + "' is " + state.name().toLowerCase(Locale.ROOT)
                    + (state == State.FAILED ? " after an earlier error; close it" : ""));
        }
    }

    @Override
    public void close() throws IOException {
        if (state == State.FINISHED || state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        ids = null;
        expiries = null;
        fields = null;
        try {
            file.close();
        } finally {
            fs.delete(path);
        }
    }
}
