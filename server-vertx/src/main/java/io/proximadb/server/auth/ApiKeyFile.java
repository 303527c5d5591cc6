package io.proximadb.server.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The key file, {@code api-keys.json} in the data directory: a JSON document with a format version
 * and the stored keys (hashes, never secrets). Both the running server and {@code proxima keys}
 * change it, so every change is a read-modify-write under an exclusive lock on a sibling
 * {@code .lock} file, written to a temporary file, synced and renamed over the old one: a reader
 * sees the old list or the new one, never half of either. The file is readable by its owner only.
 * Format: docs/formats/api-keys.md.
 */
public final class ApiKeyFile {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * File locks belong to the whole JVM, and a second lock on the same file from this JVM throws
     * instead of waiting; so writers in one process queue on this lock first. It is static because
     * what it guards, the OS lock, is process-wide too.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock>
            IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path path;

    public ApiKeyFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** A stamp that changes whenever the file is replaced, to notice changes made by another process. */
    FileStamp stamp() {
        try {
            return new FileStamp(Files.getLastModifiedTime(path).toMillis(), Files.size(path),
                    Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        } catch (NoSuchFileException e) {
            return FileStamp.ABSENT;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The stored keys; none when the file does not exist yet. */
    public List<ApiKey> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API key file " + path + ": " + e.getMessage(), e);
        }
        Document document;
        try {
            document = JSON.readValue(bytes, Document.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("the API key file " + path + " is not valid: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (document.version() != FORMAT_VERSION) {
            throw new IllegalStateException("the API key file " + path + " has format version " + document.version()
                    + "; this server reads version " + FORMAT_VERSION);
        }
        return document.keys().stream().map(StoredKey::toKey).toList();
    }

    /** Replaces the keys with {@code change} applied to them, atomically with respect to every other writer. */
    public List<ApiKey> update(UnaryOperator<List<ApiKey>> change) {
        java.util.concurrent.locks.ReentrantLock local =
                IN_PROCESS.computeIfAbsent(path, ignored -> new java.util.concurrent.locks.ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(path.getParent());
            Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockChannel.lock()) {
                List<ApiKey> changed = List.copyOf(change.apply(read()));
                write(changed);
                return changed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API key file " + path + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private void write(List<ApiKey> keys) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                new Document(FORMAT_VERSION, keys.stream().map(StoredKey::of).toList()));
        Files.deleteIfExists(temporary);
        Files.createFile(temporary);
        ownerOnly(temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(path.getParent());
    }

    private static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The rename is durable only once the directory is synced; not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory; the rename is as durable as that platform makes it.
        }
    }

    /** The file's JSON shape. */
    record Document(int version, List<StoredKey> keys) {
        Document {
            keys = keys == null ? List.of() : keys;
        }
    }

    /** One key in the file; {@code created_at} is an ISO-8601 instant. */
    record StoredKey(String id, String tenant, String role, String sha256, String createdAt, String description) {

        static StoredKey of(ApiKey key) {
            return new StoredKey(key.id(), key.tenant(), key.role().configName(), key.sha256(),
                    key.createdAt().toString(), key.description());
        }

        ApiKey toKey() {
            return new ApiKey(id, tenant, Role.parse(role), sha256, Instant.parse(createdAt), description);
        }
    }

    /** What identifies one version of the file. */
    record FileStamp(long modifiedMillis, long size, Object fileKey) {
        static final FileStamp ABSENT = new FileStamp(-1, -1, null);
    }
}
