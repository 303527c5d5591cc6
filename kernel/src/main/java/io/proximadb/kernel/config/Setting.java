package io.proximadb.kernel.config;

import java.util.List;

/**
 * One configuration key: its dotted name (the TOML table path), its type, its default and what it
 * does. {@link Settings#ALL} is the single list that the loader validates against and that
 * {@code docs/configuration.md} documents (a test keeps the two in step).
 *
 * @param key          dotted name, e.g. {@code wal.fsync}; environment variable
 *                     {@code PROXIMA_WAL_FSYNC}; flag {@code --set wal.fsync=always}
 * @param type         the TOML type expected
 * @param defaultValue the value when nothing sets it
 * @param choices      the allowed values of a string setting, empty when any string is allowed
 * @param doc          one sentence for the reference
 */
public record Setting(String key, Type type, Object defaultValue, List<String> choices, String doc) {

    public enum Type {
        STRING("a string"), INTEGER("an integer"), BOOLEAN("a boolean"), STRING_LIST("an array of strings");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public Setting {
        choices = List.copyOf(choices);
    }

    /** The environment variable that overrides this key. */
    public String environmentVariable() {
        return "PROXIMA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }
}
