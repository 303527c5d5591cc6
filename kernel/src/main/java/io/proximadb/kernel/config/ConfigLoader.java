package io.proximadb.kernel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Builds a {@link ProximaConfig} from, in increasing precedence: the defaults, a TOML file,
 * environment variables ({@code PROXIMA_WAL_FSYNC}) and {@code key=value} overrides (the command
 * line's flags). Every source is validated: an unknown key or a value of the wrong type fails
 * with the source (file and line, variable, or flag) and the key.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param file        a TOML file, or {@code null} for none
     * @param environment the process environment (only {@code PROXIMA_*} variables naming a key are read)
     * @param overrides   {@code key → value} from flags, highest precedence
     */
    public static ProximaConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        return ProximaConfig.fromValues(values(file, environment, overrides, List.of()));
    }

    /**
     * Every value, by key, of the database's settings and of {@code extra} ones that a component
     * beyond the kernel reads from the same file (the server's {@code server.*} keys), validated the
     * same way; {@link ProximaConfig#fromValues} takes the database's part.
     */
    public static Map<String, Object> values(Path file, Map<String, String> environment, Map<String, String> overrides,
                                             List<Setting> extra) {
        Map<String, Setting> known = new LinkedHashMap<>(Settings.BY_KEY);
        extra.forEach(setting -> known.put(setting.key(), setting));
        Map<String, Object> values = new LinkedHashMap<>();
        known.values().forEach(setting -> values.put(setting.key(), setting.defaultValue()));
        if (file != null) {
            applyToml(file, values, known);
        }
        for (Setting setting : known.values()) {
            String raw = environment.get(setting.environmentVariable());
            if (raw != null) {
                values.put(setting.key(), fromText(setting, raw, "environment variable " + setting.environmentVariable()));
            }
        }
        overrides.forEach((key, raw) -> {
            Setting setting = known.get(key);
            if (setting == null) {
                throw new ConfigException("flag --set " + key + "=" + raw + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", known.keySet().stream().sorted().toList()));
            }
            values.put(key, fromText(setting, raw, "flag --set " + key));
        });
        return values;
    }

    static Map<String, Object> defaultValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        Settings.ALL.forEach(setting -> values.put(setting.key(), setting.defaultValue()));
        return values;
    }

    private static void applyToml(Path file, Map<String, Object> values, Map<String, Setting> known) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        if (toml.hasErrors()) {
            var error = toml.errors().getFirst();
            throw new ConfigException(file + ":" + error.position().line() + ": " + error.getMessage());
        }
        for (String key : toml.dottedKeySet()) {
            String where = file + ":" + line(toml.inputPositionOf(key));
            Setting setting = known.get(key);
            if (setting == null) {
                if (toml.get(key) instanceof TomlTable) {
                    continue; // a table header; its keys are checked one by one
                }
                throw new ConfigException(where + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", known.keySet().stream().sorted().toList()));
            }
            values.put(key, fromToml(setting, toml.get(key), where));
        }
    }

    private static String line(TomlPosition position) {
        return position == null ? "?" : Integer.toString(position.line());
    }

    private static Object fromToml(Setting setting, Object value, String where) {
        Object converted = switch (setting.type()) {
            case STRING -> value instanceof String s ? s : null;
            case INTEGER -> value instanceof Long l ? l : null;
            case BOOLEAN -> value instanceof Boolean b ? b : null;
            case STRING_LIST -> {
                if (!(value instanceof TomlArray array)) {
                    yield null;
                }
                List<String> strings = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof String s)) {
                        yield null;
                    }
                    strings.add(s);
                }
                yield List.copyOf(strings);
            }
        };
        if (converted == null) {
            throw new ConfigException(where + ": " + setting.key() + " must be " + setting.type().description()
                    + ", got " + describe(value));
        }
        return checkChoice(setting, converted, where);
    }

    private static Object fromText(Setting setting, String raw, String where) {
        Object converted = switch (setting.type()) {
            case STRING -> raw;
            case INTEGER -> {
                try {
                    yield Long.parseLong(raw.trim().replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new ConfigException(where + ": " + setting.key() + " must be an integer, got '" + raw + "'");
                }
            }
            case BOOLEAN -> switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(where + ": " + setting.key() + " must be true or false, got '" + raw + "'");
            };
            case STRING_LIST -> raw.isBlank() ? List.of()
                    : List.of(raw.split(java.io.File.pathSeparator.equals(":") ? "[:,]" : "[;,]"));
        };
        return checkChoice(setting, converted, where);
    }

    private static Object checkChoice(Setting setting, Object value, String where) {
        if (!setting.choices().isEmpty() && !setting.choices().contains(value)) {
            throw new ConfigException(where + ": " + setting.key() + " must be one of " + setting.choices()
                    + ", got '" + value + "'");
        }
        // Zero means "off" for a few integer settings (bitmap indexes, the merge rate limit); the
        // records that hold the rest refuse zero where it makes no sense.
        if (setting.type() == Setting.Type.INTEGER && (Long) value < 0) {
            throw new ConfigException(where + ": " + setting.key() + " must not be negative, got " + value);
        }
        return value;
    }

    /** Checks a value given in code ({@link ProximaConfig#with}) as a loaded one is checked. */
    static void checkValue(Setting setting, Object value, String where) {
        boolean typed = switch (setting.type()) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case BOOLEAN -> value instanceof Boolean;
            case STRING_LIST -> value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
        };
        if (!typed) {
            throw new ConfigException(where + ": " + setting.key() + " must be " + setting.type().description()
                    + ", got " + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
        }
        checkChoice(setting, value, where);
    }

    private static String describe(Object value) {
        return switch (value) {
            case String s -> "a string \"" + s + "\"";
            case Long l -> "an integer " + l;
            case Double d -> "a float " + d;
            case Boolean b -> "a boolean " + b;
            case TomlArray a -> "an array";
            case TomlTable t -> "a table";
            default -> value.getClass().getSimpleName();
        };
    }
}
