package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;

/**
 * The sorted numeric layout of an INT or REAL field, in place: keys ascending, then the ordinal
 * of each. Answers range and equality queries with two binary searches and a pass over the
 * matching run. Immutable and thread-safe.
 */
final class SortedNumbers {

    private final NumericKeys keys;
    private final MemorySegment ordinals;

    private SortedNumbers(NumericKeys keys, MemorySegment ordinals) {
        this.keys = keys;
        this.ordinals = ordinals;
    }

    /** Reads and checks the section of a field with {@code present} values in a segment of {@code count} records. */
    static SortedNumbers read(MemorySegment section, String part, long present, int count, boolean real) {
        if (section.byteSize() != present * (Long.BYTES + Integer.BYTES)) {
            throw new CorruptSectionException(part, "holds " + section.byteSize() + " bytes; " + present
                    + " sorted pairs take " + present * (Long.BYTES + Integer.BYTES));
        }
        MemorySegment ordinals = section.asSlice(present * Long.BYTES);
        for (long i = 0; i < present; i++) {
            int ordinal = ordinals.get(Layout.INT, i * Integer.BYTES);
            if (ordinal < 0 || ordinal >= count) {
                throw new CorruptSectionException(part, "ordinal " + Integer.toUnsignedString(ordinal)
                        + " is outside the segment's " + count + " records");
            }
        }
        return new SortedNumbers(new NumericKeys(section.asSlice(0, present * Long.BYTES), real), ordinals);
    }

    BitSet range(Value lower, boolean lowerInclusive, Value upper, boolean upperInclusive) {
        return select(keys.range(lower, lowerInclusive, upper, upperInclusive));
    }

    BitSet equal(Value number) {
        return select(keys.equal(number));
    }

    private BitSet select(long[] run) {
        BitSet result = new BitSet();
        for (long i = run[0]; i < run[1]; i++) {
            result.set(ordinals.get(Layout.INT, i * Integer.BYTES));
        }
        return result;
    }
}
