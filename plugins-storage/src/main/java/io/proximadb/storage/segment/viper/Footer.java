package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The footer body: record count, dimension, the section table and the schema with statistics.
 * Its framing (the tail with offset, length, version, CRC and magic) is {@link Envelope}'s.
 */
record Footer(long count, int dimension, List<SectionEntry> sections, List<FieldInfo> fields) {

    Footer {
        sections = List.copyOf(sections);
        fields = List.copyOf(fields);
    }

    void encode(ByteSink out) {
        out.putLong(count);
        out.putInt(dimension);
        out.putVarLong(sections.size());
        for (SectionEntry section : sections) {
            out.putString(section.name().getBytes(StandardCharsets.UTF_8));
            out.putLong(section.offset());
            out.putLong(section.length());
            out.putByte(section.codec().id);
            out.putLong(section.rawLength());
            out.putInt(section.crc32c());
        }
        out.putVarLong(fields.size());
        for (FieldInfo field : fields) {
            out.putString(field.name().getBytes(StandardCharsets.UTF_8));
            out.putByte(field.type().ordinal());
            out.putLong(field.present());
            out.putLong(field.distinct());
            encodeOptional(field.min(), out);
            encodeOptional(field.max(), out);
        }
    }

    private static void encodeOptional(Value value, ByteSink out) {
        if (value == null) {
            out.putByte(0);
        } else {
            out.putByte(1);
            ValueCodec.encode(value, out);
        }
    }

    /** Parses a footer body; the caller has checked its CRC and knows where the sections may lie. */
    static Footer decode(ByteReader in, long sectionsEnd) {
        long count = in.u64(Integer.MAX_VALUE);
        int dimension = in.count32();
        int sectionCount = in.uint31();
        in.require(sectionCount);
        List<SectionEntry> sections = new ArrayList<>(sectionCount);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sectionCount; i++) {
            String name = in.string();
            if (!names.add(name)) {
                throw in.corrupt("section '" + name + "' is listed twice");
            }
            long offset = in.u64(sectionsEnd);
            long length = in.u64(sectionsEnd);
            int codecId = in.u8();
            Codec codec = Codec.fromId(codecId);
            if (codec == null) {
                throw in.corrupt("section '" + name + "' has unknown codec " + codecId);
            }
            long rawLength = in.u64(Long.MAX_VALUE);
            int crc = in.u32AsInt();
            if (offset < Layout.HEADER_SIZE || offset + length > sectionsEnd) {
                throw in.corrupt("section '" + name + "' lies outside the file's sections: offset " + offset
                        + ", length " + length);
            }
            sections.add(new SectionEntry(name, offset, length, codec, rawLength, crc));
        }
        int fieldCount = in.uint31();
        in.require(fieldCount);
        List<FieldInfo> fields = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            String name = in.string();
            int typeId = in.u8();
            if (typeId >= FieldType.values().length) {
                throw in.corrupt("field '" + name + "' has unknown type " + typeId);
            }
            FieldType type = FieldType.values()[typeId];
            long present = in.u64(count);
            long distinct = in.u64(Long.MAX_VALUE);
            fields.add(new FieldInfo(name, type, present, distinct, decodeOptional(in), decodeOptional(in)));
        }
        in.expectEnd();
        return new Footer(count, dimension, sections, fields);
    }

    private static Value decodeOptional(ByteReader in) {
        return switch (in.u8()) {
            case 0 -> null;
            case 1 -> ValueCodec.decode(in);
            default -> throw in.corrupt("bad optional-value marker");
        };
    }
}
