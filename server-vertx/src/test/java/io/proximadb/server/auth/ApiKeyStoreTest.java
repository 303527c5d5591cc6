package io.proximadb.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyStoreTest {

    @TempDir
    Path directory;

    @Test
    void aKeyAuthenticatesAsItsTenantAndRoleAndOnlyItsHashIsStored() throws Exception {
        Path file = directory.resolve("api-keys.json");
        ApiKeyStore store = new ApiKeyStore(new ApiKeyFile(file));
        NewApiKey created = store.create("acme", Role.WRITER, "ingest job");
        assertThat(created.key()).matches("pxk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        assertThat(store.authenticate(created.key())).hasValue(Principal.ofKey(created.stored().id(), "acme", Role.WRITER));
        String text = Files.readString(file);
        assertThat(text).contains(created.stored().sha256()).doesNotContain(created.key())
                .doesNotContain(created.key().substring(17));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(created.toString()).doesNotContain(created.key());
        // Reopened from the file, the same key still works.
        assertThat(new ApiKeyStore(new ApiKeyFile(file)).authenticate(created.key())).isPresent();
    }

    @Test
    void aKeyFileBrokenWhileInUseClosesTheDoorUntilItCanBeReadAgain() throws Exception {
        Path file = directory.resolve("keys.json");
        ApiKeyStore store = new ApiKeyStore(new ApiKeyFile(file));
        NewApiKey kept = store.create("acme", Role.ADMIN, "");
        byte[] good = Files.readAllBytes(file);
        Files.writeString(file, "{\"version\": 1, \"keys\": [ oops"); // a hand edit gone wrong

        assertThatThrownBy(store::refresh).hasMessageContaining("not valid");
        assertThat(store.authenticate(kept.key())).as("no key is valid while the file cannot be read").isEmpty();
        assertThat(store.isEmpty()).as("an unreadable file does not open the server").isFalse();

        Files.write(file, good);
        store.refresh();
        assertThat(store.authenticate(kept.key())).isPresent();
    }

    @Test
    void wrongMalformedAndRevokedKeysDoNotAuthenticate() {
        ApiKeyStore store = new ApiKeyStore(new ApiKeyFile(directory.resolve("k.json")));
        String key = store.create("acme", Role.READER, "").key();
        char last = key.charAt(key.length() - 1);
        assertThat(store.authenticate(key.substring(0, key.length() - 1) + (last == 'x' ? 'y' : 'x'))).isEmpty();
        assertThat(store.authenticate(key + "x")).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate(null)).isEmpty();
        assertThat(store.authenticate("pxk_" + "a".repeat(60))).isEmpty();
        assertThat(store.revoke(store.list(null).getFirst().id())).isTrue();
        assertThat(store.authenticate(key)).isEmpty();
        assertThat(store.revoke("nosuchkeyid1")).isFalse();
    }

    @Test
    void concurrentWritersFromSeparateStoresLoseNoKey() throws Exception {
        Path file = directory.resolve("api-keys.json");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // A store per task, as the server and several `proxima keys` runs each have their own.
                ids.add(pool.submit(() -> new ApiKeyStore(new ApiKeyFile(file)).create("acme", Role.READER, "").stored().id()));
            }
            Set<String> expected = new HashSet<>();
            for (Future<String> id : ids) {
                expected.add(id.get());
            }
            assertThat(new ApiKeyStore(new ApiKeyFile(file)).list(null)).extracting(ApiKey::id)
                    .containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDamagedOrNewerFileIsRefusedWithItsPath() throws Exception {
        Path file = directory.resolve("api-keys.json");
        Files.writeString(file, "{\"version\": 1, \"keys\": [");
        assertThatThrownBy(() -> new ApiKeyStore(new ApiKeyFile(file))).hasMessageContaining(file.toString())
                .hasMessageContaining("not valid");
        Files.writeString(file, "{\"version\": 2, \"keys\": []}");
        assertThatThrownBy(() -> new ApiKeyStore(new ApiKeyFile(file))).hasMessageContaining("format version 2");
    }

    @Test
    void rolesIncludeTheWeakerOnes() {
        assertThat(Role.ADMIN.includes(Role.WRITER)).isTrue();
        assertThat(Role.WRITER.includes(Role.READER)).isTrue();
        assertThat(Role.READER.includes(Role.WRITER)).isFalse();
        assertThatThrownBy(() -> Role.parse("Admin")).hasMessage("unknown role 'Admin'; known roles: reader, writer, admin");
    }
}
