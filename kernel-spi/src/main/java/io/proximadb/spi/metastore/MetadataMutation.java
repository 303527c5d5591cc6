package io.proximadb.spi.metastore;

import java.util.Objects;

/** One step of a {@link MetadataStore#commit}: a change, or a condition the commit requires. */
public sealed interface MetadataMutation {

    String key();

    /** Sets {@code key} to {@code value}. */
    record Put(String key, String value) implements MetadataMutation {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Removes {@code key}; nothing happens if it is absent. */
    record Delete(String key) implements MetadataMutation {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Requires {@code key} to be absent when the commit applies. */
    record ExpectAbsent(String key) implements MetadataMutation {
        public ExpectAbsent {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Requires {@code key} to hold exactly {@code value} when the commit applies. */
    record ExpectValue(String key, String value) implements MetadataMutation {
        public ExpectValue {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
