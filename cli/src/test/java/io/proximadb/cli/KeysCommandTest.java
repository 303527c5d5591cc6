package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void createsListsAndRevokesKeysInTheDataDirectory() throws Exception {
        assertThat(run("keys", "create", "--data-dir", data.toString(), "--tenant", "acme", "--role", "writer",
                "--description", "ingest")).isZero();
        String key = out.toString().strip();
        assertThat(key).matches("pxk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        assertThat(err.toString()).contains("tenant acme, role writer", "shown once");
        Path file = data.resolve("api-keys.json");
        assertThat(Files.readString(file)).doesNotContain(key);
        assertThat(new ApiKeyStore(new ApiKeyFile(file)).authenticate(key)).isPresent();

        String id = key.substring(4, 16);
        assertThat(run("keys", "list", "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).contains(id, "acme", "writer", "ingest").doesNotContain(key);

        assertThat(run("keys", "revoke", "--data-dir", data.toString(), id)).isZero();
        assertThat(new ApiKeyStore(new ApiKeyFile(file)).authenticate(key)).isEmpty();
        assertThat(run("keys", "revoke", "--data-dir", data.toString(), id)).isEqualTo(1);
        assertThat(err.toString()).contains("no key with id '" + id + "'");
    }

    @Test
    void badRolesAndTenantsAreNamed() {
        assertThat(run("keys", "create", "--data-dir", data.toString(), "--role", "owner")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown role 'owner'; known roles: reader, writer, admin");
        assertThat(run("keys", "create", "--data-dir", data.toString(), "--role", "reader", "--tenant", "Big_Co"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("tenant 'Big_Co' is invalid");
        assertThat(Files.exists(data.resolve("api-keys.json"))).isFalse();
    }
}
