package io.proximadb.kernel.plugin;

import io.proximadb.spi.Plugin;
import io.proximadb.spi.fs.FileSystemProvider;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.memtable.MemtableFactory;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.spi.segment.SegmentFormat;
import io.proximadb.spi.wal.WalCodec;
import java.util.List;

/**
 * One SPI the registry serves.
 *
 * @param name        the short name used in messages and listings
 * @param serviceType the {@link java.util.ServiceLoader} service interface
 */
public record PluginKind<T extends Plugin>(String name, Class<T> serviceType) {

    public static final PluginKind<MemtableFactory> MEMTABLE = new PluginKind<>("memtable", MemtableFactory.class);
    public static final PluginKind<WalCodec> WAL_CODEC = new PluginKind<>("wal-codec", WalCodec.class);
    public static final PluginKind<FileSystemProvider> FILESYSTEM = new PluginKind<>("filesystem", FileSystemProvider.class);
    public static final PluginKind<VectorIndexFactory> INDEX = new PluginKind<>("index", VectorIndexFactory.class);
    public static final PluginKind<SegmentFormat> SEGMENT_FORMAT = new PluginKind<>("segment-format", SegmentFormat.class);
    public static final PluginKind<MetadataStoreProvider> METADATA_STORE =
            new PluginKind<>("metadata-store", MetadataStoreProvider.class);

    /** Every SPI, in the order listings show them. */
    public static final List<PluginKind<?>> ALL = List.of(MEMTABLE, WAL_CODEC, FILESYSTEM, INDEX, SEGMENT_FORMAT,
            METADATA_STORE);
}
