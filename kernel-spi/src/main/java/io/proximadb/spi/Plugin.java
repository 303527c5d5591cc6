package io.proximadb.spi;

/**
 * The common face of every plugin: a name to be chosen by, a version to be reported by, and a
 * way to say that it cannot work on this machine.
 *
 * <p>Plugins are found with {@link java.util.ServiceLoader}; each SPI has its own sub-interface
 * (for example {@link io.proximadb.spi.memtable.MemtableFactory}) which is the service type.
 * Implementations must have a public no-argument constructor that does no I/O and loads no
 * optional dependency: probing belongs in {@link #checkAvailable()}, so that a plugin whose
 * dependencies are missing is listed as unavailable instead of breaking the loader.
 *
 * <p>Thread safety: instances are shared by the whole process and must be thread-safe.
 */
public interface Plugin {

    /** The name configuration uses to choose this plugin: lower case, stable across versions. */
    String name();

    /** The plugin's version; by default the implementation version of its jar. */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** One line for humans, shown by {@code proxima plugins}. */
    default String description() {
        return "";
    }

    /**
     * Checks that everything this plugin needs at run time is present (optional libraries, native
     * code, operating-system features). Called once by the registry before first use.
     *
     * @throws PluginUnavailableException with the reason, when the plugin cannot work here
     */
    default void checkAvailable() throws PluginUnavailableException {
    }
}
