package io.proximadb.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path directory;

    @Test
    void everySettingHasItsDocumentedDefault() {
        ProximaConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(config).isEqualTo(ProximaConfig.defaults());
        assertThat(config.dataDirectory()).isEqualTo(Path.of("./data"));
        assertThat(config.walFsync()).isEqualTo("group");
        assertThat(config.defaultMemtable()).isEqualTo("skiplist");
        assertThat(config.defaultWalCodec()).isEqualTo("bincode");
    }

    @Test
    void fileThenEnvironmentThenFlagsEachOverrideTheOneBefore() throws IOException {
        Path file = write("""
                data_dir = "/var/lib/proxima"
                plugin_path = ["/opt/plugins"]
                [defaults]
                memtable = "art"
                [wal]
                fsync = "always"
                interval_ms = 50
                """);
        ProximaConfig fromFile = ConfigLoader.load(file, Map.of(), Map.of());
        assertThat(fromFile.defaultMemtable()).isEqualTo("art");
        assertThat(fromFile.walFsync()).isEqualTo("always");
        assertThat(fromFile.walIntervalMillis()).isEqualTo(50);
        assertThat(fromFile.pluginPath()).containsExactly(Path.of("/opt/plugins"));

        Map<String, String> environment = Map.of("PROXIMA_WAL_FSYNC", "interval", "PROXIMA_WAL_INTERVAL_MS", "20",
                "UNRELATED", "x");
        ProximaConfig withEnvironment = ConfigLoader.load(file, environment, Map.of());
        assertThat(withEnvironment.walFsync()).isEqualTo("interval");
        assertThat(withEnvironment.walIntervalMillis()).isEqualTo(20);

        ProximaConfig withFlags = ConfigLoader.load(file, environment, Map.of("wal.fsync", "none", "data_dir", "here"));
        assertThat(withFlags.walFsync()).isEqualTo("none");
        assertThat(withFlags.dataDirectory()).isEqualTo(Path.of("here"));
        assertThat(withFlags.defaultMemtable()).isEqualTo("art");
    }

    @Test
    void anUnknownKeyIsRejectedWithFileLineAndKey() throws IOException {
        Path file = write("""
                [wal]
                fsync = "group"
                fsnc = "always"
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("unknown key 'wal.fsnc'")
                .hasMessageContaining("wal.fsync");
    }

    @Test
    void aWrongTypeIsRejectedWithFileLineAndKey() throws IOException {
        Path file = write("""
                data_dir = "d"

                [wal]
                interval_ms = "fast"
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":4")
                .hasMessageContaining("wal.interval_ms must be an integer, got a string \"fast\"");
    }

    @Test
    void badValuesFromEveryOtherSourceAreRejectedNamingTheSource() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PROXIMA_WAL_SKIP_CORRUPT", "maybe"), Map.of()))
                .hasMessageContaining("environment variable PROXIMA_WAL_SKIP_CORRUPT")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("wal.fsync", "sometimes")))
                .hasMessageContaining("flag --set wal.fsync")
                .hasMessageContaining("[always, group, interval, none]");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("wal.nope", "1")))
                .hasMessageContaining("unknown key 'wal.nope'");
        Path broken = write("data_dir = \n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(broken + ":1");
    }

    @Test
    void theReferencePageDocumentsEveryKeyWithItsDefault() throws IOException {
        Path page = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(page);
        for (Setting setting : Settings.ALL) {
            Object value = setting.defaultValue();
            String shown = value instanceof String s ? "\"" + s + "\"" : value instanceof List<?> l && l.isEmpty() ? "[]"
                    : String.valueOf(value);
            assertThat(text).as("docs/configuration.md documents %s", setting.key())
                    .contains("`" + setting.key() + "`").contains("`" + shown + "`")
                    .contains("`" + setting.environmentVariable() + "`");
        }
    }

    private Path write(String toml) throws IOException {
        Path file = directory.resolve("proxima-" + System.nanoTime() + ".toml");
        Files.writeString(file, toml);
        return file;
    }
}
