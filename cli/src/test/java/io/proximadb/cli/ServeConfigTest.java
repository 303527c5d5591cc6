package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.kernel.config.ConfigException;
import io.proximadb.kernel.config.Setting;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.config.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/** {@code proxima serve}'s settings: built-in defaults, then [server] in the file and --set, then flags. */
class ServeConfigTest {

    @TempDir
    Path directory;

    private ServeCommand parse(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        ParseResult parsed = Main.newCommandLine().parseArgs(all);
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void withNothingGivenTheEmbeddedDefaultHolds() {
        ServerConfig config = parse("--data-dir", directory.toString()).serverConfig();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(7700);
        assertThat(config.tls()).isNull();
        assertThat(config.rateLimit().enabled()).isFalse();
        assertThat(config.keysFile()).isEqualTo(directory.resolve("api-keys.json"));
    }

    @Test
    void theFileSetsTheServerAndFlagsWinOverIt() throws Exception {
        Path file = directory.resolve("proxima.toml");
        Files.writeString(file, """
                data_dir = "%s"
                [server]
                host = "127.0.0.2"
                port = 8800
                max_body_bytes = 4096
                drain_timeout_ms = 2500
                cors_origins = ["https://app.example.com"]
                rate_limit = 50
                """.formatted(directory.resolve("db").toString().replace("\\", "\\\\")));
        ServerConfig fromFile = parse("--config", file.toString()).serverConfig();
        assertThat(fromFile.host()).isEqualTo("127.0.0.2");
        assertThat(fromFile.port()).isEqualTo(8800);
        assertThat(fromFile.maxBodyBytes()).isEqualTo(4096);
        assertThat(fromFile.drainTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(fromFile.corsOrigins()).containsExactly("https://app.example.com");
        assertThat(fromFile.rateLimit().perSecond()).isEqualTo(50);
        assertThat(fromFile.rateLimit().burst()).isEqualTo(100);
        assertThat(fromFile.keysFile()).isEqualTo(directory.resolve("db").resolve("api-keys.json"));

        ServerConfig flags = parse("--config", file.toString(), "--port", "9900", "--set", "server.host=127.0.0.3",
                "--rate-limit", "0").serverConfig();
        assertThat(flags.port()).isEqualTo(9900);
        assertThat(flags.host()).isEqualTo("127.0.0.3");
        assertThat(flags.rateLimit().enabled()).isFalse();
        assertThat(flags.maxBodyBytes()).isEqualTo(4096);
    }

    @Test
    void badServerKeysAreNamed() throws Exception {
        Path file = directory.resolve("bad.toml");
        Files.writeString(file, "[server]\nprot = 1\n");
        assertThatThrownBy(() -> parse("--config", file.toString()).serverConfig())
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'server.prot'")
                .hasMessageContaining("server.port");
        Files.writeString(file, "[server]\ntls_cert = \"cert.pem\"\n");
        assertThatThrownBy(() -> parse("--config", file.toString()).serverConfig())
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.tls_key");
        Files.writeString(file, "[server]\ncors_origins = [\"app.example.com\"]\n");
        assertThatThrownBy(() -> parse("--config", file.toString()).serverConfig())
                .isInstanceOf(ConfigException.class).hasMessageContaining("CORS origin 'app.example.com' is invalid");
    }

    @Test
    void theReferencePageDocumentsEveryServerKey() throws Exception {
        String page = Files.readString(ProcessRunner.root().resolve("docs").resolve("configuration.md"));
        for (Setting setting : ServerSettings.ALL) {
            Object value = setting.defaultValue();
            String shown = value instanceof String s ? "\"" + s + "\"" : value instanceof List<?> l && l.isEmpty() ? "[]"
                    : String.valueOf(value);
            assertThat(page).as("docs/configuration.md documents %s", setting.key())
                    .contains("`" + setting.key() + "`").contains("`" + shown + "`")
                    .contains("`" + setting.environmentVariable() + "`");
        }
    }
}
