package io.proximadb.storage.segment.viper;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.segment.SegmentFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a VIPER segment: maps the file, checks the envelope, every checksum and every known
 * section's structure, and hands the result to {@link ViperSegment}. Any failure releases the
 * mapping and becomes a {@link SegmentFormatException} naming the file and the part.
 */
final class SegmentReader {

    private static final Pattern FIELD_SECTION = Pattern.compile("f(\\d{1,9})\\..*");

    private SegmentReader() {
    }

    static ViperSegment open(FileSystem fs, String path) throws IOException {
        Arena arena = Arena.ofShared();
        Footer footer = null;
        try {
            MemorySegment file;
            try (ReadableFile in = fs.openForRead(path)) {
                file = in.map(arena);
            }
            int dimension = Envelope.readHeader(file);
            MemorySegment body = Envelope.footerBody(file);
            long footerOffset = file.byteSize() - Layout.TAIL_SIZE - body.byteSize();
            footer = Footer.decode(new ByteReader(body, "footer"), footerOffset);
            if (footer.dimension() != dimension) {
                throw new CorruptSectionException("footer", "dimension " + footer.dimension()
                        + " differs from the header's " + dimension);
            }
            Sections sections = Sections.load(file, footer, arena);
            return new ViperSegment(path, file.byteSize(), footer, sections, arena);
        } catch (CorruptSectionException e) {
            arena.close();
            throw new SegmentFormatException(describe(path, footer, e.part()) + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** {@code VIPER segment 'p': section 'f3.values' (field 'color')}, or the header, tail or footer. */
    static String describe(String path, Footer footer, String part) {
        String where = switch (part) {
            case "header", "tail", "footer" -> part;
            default -> "section '" + part + "'" + fieldOf(footer, part);
        };
        return "VIPER segment '" + path + "': " + where;
    }

    private static String fieldOf(Footer footer, String part) {
        Matcher matcher = FIELD_SECTION.matcher(part);
        if (footer == null || !matcher.matches()) {
            return "";
        }
        int field = Integer.parseInt(matcher.group(1));
        return field < footer.fields().size() ? " (field '" + footer.fields().get(field).name() + "')" : "";
    }
}
