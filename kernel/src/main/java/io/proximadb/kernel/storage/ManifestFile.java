package io.proximadb.kernel.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads and atomically replaces a collection's manifest, as LevelDB does its {@code CURRENT}:
 * write the whole new manifest under a temporary name, fsync it, rename it over the old one, fsync
 * the directory. A crash leaves either the old manifest or the new one, never a mix; a leftover
 * temporary file is deleted on open.
 *
 * <p>The file is one header line, {@code PROXIMA-MANIFEST <version> <crc32c of the body, hex>},
 * then the body as JSON. A reader refuses an unknown version or a checksum mismatch, naming the file.
 */
public final class ManifestFile {

    static final String NAME = "MANIFEST";
    static final String TEMPORARY = "MANIFEST.tmp";
    static final int VERSION = 1;
    private static final String MAGIC = "PROXIMA-MANIFEST";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final String directory;

    public ManifestFile(FileSystem fs, String directory) {
        this.fs = fs;
        this.directory = directory;
    }

    private String path(String name) {
        return directory + "/" + name;
    }

    /** The current manifest, or {@link Manifest#empty()} if none was written yet. */
    public Manifest read() throws IOException {
        fs.delete(path(TEMPORARY));
        if (!fs.exists(path(NAME))) {
            return Manifest.empty();
        }
        byte[] bytes;
        try (ReadableFile file = fs.openForRead(path(NAME))) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(file.size()));
            file.readFully(buffer, 0);
            bytes = buffer.array();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String[] header = (newline < 0 ? text : text.substring(0, newline)).split(" ");
        if (header.length != 3 || !header[0].equals(MAGIC)) {
            throw new IOException(path(NAME) + " is not a manifest: its first line is not '" + MAGIC + " <version> <crc>'");
        }
        if (!header[1].equals(Integer.toString(VERSION))) {
            throw new IOException(path(NAME) + " has manifest version " + header[1] + "; this build reads version " + VERSION);
        }
        String body = text.substring(newline + 1);
        String crc = crc(body);
        if (!crc.equals(header[2])) {
            throw new IOException(path(NAME) + " is corrupt: body checksum " + crc + " does not match " + header[2]);
        }
        try {
            return JSON.readValue(body, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new IOException(path(NAME) + " has a malformed body: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Makes {@code manifest} the durable current one.
     *
     * @return the bytes written
     */
    public long write(Manifest manifest) throws IOException {
        String body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n";
        byte[] bytes = (MAGIC + " " + VERSION + " " + crc(body) + "\n" + body).getBytes(StandardCharsets.UTF_8);
        fs.delete(path(TEMPORARY));
        try (WritableFile file = fs.create(path(TEMPORARY))) {
            file.write(ByteBuffer.wrap(bytes));
            file.sync();
        }
        CrashPoints.reached("manifest.temp-written");
        fs.rename(path(TEMPORARY), path(NAME));
        CrashPoints.reached("manifest.renamed");
        fs.syncDirectory(directory);
        return bytes.length;
    }

    private static String crc(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
