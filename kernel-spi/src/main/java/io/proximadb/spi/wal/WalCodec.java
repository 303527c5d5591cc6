package io.proximadb.spi.wal;

import io.proximadb.spi.Plugin;

/**
 * The WAL strategy SPI: how one {@link WalEntry} becomes bytes and back. Found with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/io.proximadb.spi.wal.WalCodec}.
 *
 * <p>The kernel owns the log itself: files, blocks, framing, checksums, sequence numbers,
 * rotation, fsync and recovery. A codec sees whole payloads only.
 *
 * <h2>Format evolution</h2>
 * Each log file starts with the {@link #formatHeader()} of the codec that wrote it (for a schema
 * based codec, the schema's fingerprint). Reading a file asks for a {@link #decoder} for that
 * header, so a codec can keep reading files written by its older versions, and refuses a header
 * it does not know with a {@link WalFormatException}.
 *
 * <h2>Thread safety</h2>
 * {@link #encode} is called concurrently by writer threads and must be thread-safe. The returned
 * array belongs to the caller.
 */
public interface WalCodec extends Plugin {

    /** The bytes identifying this codec's current format, written into each new log file. */
    byte[] formatHeader();

    /** Encodes one entry into a fresh array that the caller owns. */
    byte[] encode(WalEntry entry);

    /**
     * A decoder for payloads of a file written under {@code formatHeader}.
     *
     * @throws WalFormatException if the header names a format this codec cannot read
     */
    WalDecoder decoder(byte[] formatHeader) throws WalFormatException;
}
