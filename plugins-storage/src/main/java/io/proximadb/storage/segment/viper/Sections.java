package io.proximadb.storage.segment.viper;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoded contents of a segment's sections, by name: after checking each section's CRC32C,
 * raw sections are slices of the mapped file and compressed ones are decoded, block by block,
 * into off-heap memory of the segment's arena. Immutable once loaded.
 */
final class Sections {

    private final Map<String, MemorySegment> contents;

    private Sections(Map<String, MemorySegment> contents) {
        this.contents = contents;
    }

    /** Checks and decodes every section the footer lists, known to this version or not. */
    static Sections load(MemorySegment file, Footer footer, Arena arena) {
        Map<String, MemorySegment> contents = HashMap.newHashMap(footer.sections().size());
        for (SectionEntry section : footer.sections()) {
            MemorySegment stored = file.asSlice(section.offset(), section.length());
            Envelope.checkCrc(section.name(), stored, section.crc32c());
            contents.put(section.name(), decode(section, stored, arena));
        }
        return new Sections(contents);
    }

    private static MemorySegment decode(SectionEntry section, MemorySegment stored, Arena arena) {
        if (section.codec() == Codec.NONE) {
            if (section.rawLength() != section.length()) {
                throw new CorruptSectionException(section.name(), "raw section of " + section.length()
                        + " bytes declares " + section.rawLength() + " bytes of contents");
            }
            return stored;
        }
        // Each block header is 8 bytes and decodes to at most MAX_BLOCK bytes: refuse to allocate more.
        if (section.rawLength() / Layout.MAX_BLOCK > section.length() / 8) {
            throw new CorruptSectionException(section.name(), "declares " + section.rawLength()
                    + " bytes of contents, more than " + section.length() + " stored bytes can hold");
        }
        MemorySegment target = arena.allocate(section.rawLength(), Long.BYTES);
        ByteReader in = new ByteReader(stored, section.name());
        long at = 0;
        while (in.remaining() > 0) {
            long blockAt = in.position();
            int rawLength = in.count32();
            int storedLength = in.count32();
            if (rawLength == 0 || rawLength > Layout.MAX_BLOCK || storedLength > rawLength
                    || at + rawLength > section.rawLength()) {
                throw in.corrupt("block at offset " + blockAt + " has lengths " + rawLength + "/" + storedLength
                        + " that do not fit the section");
            }
            MemorySegment source = in.slice(storedLength);
            MemorySegment block = target.asSlice(at, rawLength);
            if (storedLength == rawLength) {
                block.copyFrom(source);
            } else {
                try {
                    section.codec().decompress(source, block);
                } catch (RuntimeException e) {
                    throw new CorruptSectionException(section.name(), "block at offset " + blockAt
                            + " does not decode with " + section.codec() + ": " + e.getMessage(), e);
                }
            }
            at += rawLength;
        }
        if (at != section.rawLength()) {
            throw in.corrupt("blocks decode to " + at + " bytes, the section table says " + section.rawLength());
        }
        return target;
    }

    /** A section's contents; a missing section is corruption. */
    MemorySegment require(String name) {
        MemorySegment section = contents.get(name);
        if (section == null) {
            throw new CorruptSectionException(name, "section is missing");
        }
        return section;
    }

    /** A section's contents, or {@code null} if the segment has none. */
    MemorySegment optional(String name) {
        return contents.get(name);
    }
}
