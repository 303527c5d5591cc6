package io.proximadb.wal.avro;

import io.proximadb.spi.PluginUnavailableException;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;

/**
 * The {@code avro} WAL strategy: entries in Apache Avro binary encoding under a versioned schema
 * ({@code wal-vN.avsc}, see {@code docs/formats/avro-wal.md}). Slower than {@code bincode}, but
 * self-describing: a log file names its schema by fingerprint, any Avro tool can read it, and
 * files written under older schemas stay readable through Avro schema resolution.
 *
 * <p>Avro is an optional dependency. This class, which {@link java.util.ServiceLoader}
 * instantiates, mentions no Avro type: all Avro code lives in {@link AvroCodec}, created on first
 * use, after {@link #checkAvailable()} has found Avro. Without the Avro jar the plugin is listed
 * as unavailable instead of breaking the loader.
 *
 * <p>Thread safety: thread-safe. The lazily created {@link AvroCodec} is published through a
 * volatile field; it is immutable and its {@code encode} is thread-safe.
 */
public final class AvroWalCodec implements WalCodec {

    private volatile AvroCodec codec;

    @Override
    public String name() {
        return "avro";
    }

    @Override
    public String description() {
        return "Apache Avro binary log entries under a versioned, fingerprinted schema";
    }

    @Override
    public void checkAvailable() throws PluginUnavailableException {
        try {
            Class.forName("org.apache.avro.Schema", false, AvroWalCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PluginUnavailableException("Apache Avro not on the class path: " + e
                    + "; add org.apache.avro:avro to use the avro WAL codec, or choose wal = \"bincode\"", e);
        }
        try {
            codec();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginUnavailableException("the avro WAL codec cannot start: " + e, e);
        }
    }

    @Override
    public byte[] formatHeader() {
        return codec().formatHeader();
    }

    /**
     * @throws IllegalArgumentException if a string is not well-formed Unicode or metadata nests
     *                                  deeper than {@link io.proximadb.wal.EntryRules#MAX_METADATA_DEPTH}
     */
    @Override
    public byte[] encode(WalEntry entry) {
        return codec().encode(entry);
    }

    @Override
    public WalDecoder decoder(byte[] formatHeader) throws WalFormatException {
        return codec().decoder(formatHeader);
    }

    private AvroCodec codec() {
        AvroCodec current = codec;
        if (current == null) {
            synchronized (this) {
                current = codec;
                if (current == null) {
                    current = new AvroCodec();
                    codec = current;
                }
            }
        }
        return current;
    }
}
