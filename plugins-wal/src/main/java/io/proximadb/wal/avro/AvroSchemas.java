package io.proximadb.wal.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every schema the avro WAL codec has ever written, by 64-bit Rabin fingerprint of its parsing
 * canonical form. The last one is current: new files are written under it, and files written
 * under any of them are read into it by Avro schema resolution.
 *
 * <p>Evolution rule: a shipped {@code wal-vN.avsc} is never edited (its fingerprint is in log
 * files on disk; {@code AvroWalCodecTest} pins each one); a change adds {@code wal-vN+1.avsc},
 * which must be able to read every older schema (new fields carry defaults, nothing is renamed
 * without an alias), and appends it to {@link #VERSIONS}.
 *
 * <p>Thread safety: immutable after construction; Avro {@link Schema}s are immutable once parsed.
 */
final class AvroSchemas {

    /** Oldest first; the last is the current schema. */
    static final List<String> VERSIONS = List.of("wal-v1.avsc", "wal-v2.avsc");

    private final Map<Long, Schema> byFingerprint = new LinkedHashMap<>();
    private final Map<Long, String> namesByFingerprint = new LinkedHashMap<>();
    private final Schema current;
    private final long currentFingerprint;

    AvroSchemas() {
        Schema last = null;
        for (String resource : VERSIONS) {
            last = load(resource);
            long fingerprint = SchemaNormalization.parsingFingerprint64(last);
            byFingerprint.put(fingerprint, last);
            namesByFingerprint.put(fingerprint, resource);
        }
        current = last;
        currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
    }

    /** Parses a schema resource of this package, for this class and for tests. */
    static Schema load(String resource) {
        try (InputStream in = AvroSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Avro WAL schema resource " + resource + " is missing from the jar");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Avro WAL schema " + resource, e);
        }
    }

    Schema current() {
        return current;
    }

    long currentFingerprint() {
        return currentFingerprint;
    }

    /** The schema with this fingerprint, or {@code null} if this code never wrote it. */
    Schema forFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** "wal-v1.avsc = 0x..., ..." for error messages. */
    String describeKnown() {
        StringBuilder known = new StringBuilder();
        namesByFingerprint.forEach((fingerprint, name) -> known.append(known.isEmpty() ? "" : ", ")
                .append(name).append(" = ").append(AvroHeader.hex(fingerprint)));
        return known.toString();
    }

    /** A named record type of the current schema, such as {@code io.proximadb.wal.Upsert}. */
    Schema type(String simpleName) {
        for (Schema branch : current.getTypes()) {
            if (branch.getName().equals(simpleName)) {
                return branch;
            }
        }
        throw new IllegalArgumentException("no record " + simpleName + " in the current Avro WAL schema");
    }
}
