package io.proximadb.cli;

import io.proximadb.kernel.config.ConfigLoader;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.config.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The options every command that opens a database shares: a configuration file, the data
 * directory, plugin directories and {@code --set key=value} overrides, applied over the
 * environment in that order of precedence.
 */
final class PluginOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "A TOML configuration file.")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory (default: ./data).")
    Path dataDirectory;

    @Option(names = "--plugin-path", paramLabel = "DIR", split = ",",
            description = "Directories of plugin jars, besides <data-dir>/plugins (repeatable or comma separated).")
    List<Path> pluginPath = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides one setting, e.g. --set wal.fsync=always.")
    Map<String, String> overrides = new LinkedHashMap<>();

    ProximaConfig config() {
        return config(values(List.of()));
    }

    /** Every configured value by key, the database's and {@code extra} keys of the same file. */
    Map<String, Object> values(List<Setting> extra) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (dataDirectory != null) {
            all.put("data_dir", dataDirectory.toString());
        }
        return ConfigLoader.values(configFile, System.getenv(), all, extra);
    }

    /** The database's configuration from {@link #values}, with the --plugin-path flags. */
    ProximaConfig config(Map<String, Object> values) {
        ProximaConfig config = ProximaConfig.fromValues(values);
        if (!pluginPath.isEmpty()) {
            config = config.withPluginPath(Stream.concat(config.pluginPath().stream(), pluginPath.stream()).toList());
        }
        return config;
    }

    /** Where plugins are looked for: the configured path, then the data directory's plugins/. */
    static List<Path> pluginDirectories(ProximaConfig config) {
        return Stream.concat(config.pluginPath().stream(), Stream.of(config.dataDirectory().resolve("plugins"))).toList();
    }
}
