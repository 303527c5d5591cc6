package io.proximadb.kernel.plugin;

/**
 * What the registry knows of one plugin, available or not.
 *
 * @param spi         the SPI's short name ({@code memtable}, {@code wal-codec}, ...)
 * @param name        the plugin's name, or its class name when it could not even be loaded
 * @param version     its version, or {@code ""} when unknown
 * @param description one line for humans
 * @param source      where it was loaded from (a jar path or {@code class path})
 * @param unavailableReason why it cannot be used, or {@code null} when it can
 */
public record PluginInfo(String spi, String name, String version, String description, String source,
                         String unavailableReason) {

    public boolean available() {
        return unavailableReason == null;
    }
}
