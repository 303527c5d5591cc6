package io.proximadb.kernel.plugin;

import io.proximadb.api.ProximaException;
import io.proximadb.spi.Plugin;
import io.proximadb.spi.PluginUnavailableException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every plugin of every SPI, found once with {@link ServiceLoader} on the class path and in plugin
 * directories (each {@code .jar} in them), then looked up by name.
 *
 * <p>Loading is defensive, after Lucene's {@code NamedSPILoader}: a provider whose class cannot be
 * loaded or instantiated (a missing dependency, say) or whose {@link Plugin#checkAvailable()} fails
 * is recorded as unavailable with the reason, and the others load normally. A lookup of an unknown
 * name names the SPI, the name asked for and the names available.
 *
 * <p>Immutable after construction, so thread-safe. Plugin directory jars stay open for the life
 * of the process, as the classes loaded from them do.
 */
public final class PluginRegistry {

    private final Map<PluginKind<?>, Map<String, Plugin>> available = new LinkedHashMap<>();
    private final List<PluginInfo> infos = new ArrayList<>();

    private PluginRegistry(ClassLoader loader) {
        for (PluginKind<?> kind : PluginKind.ALL) {
            load(kind, loader);
        }
        infos.sort(Comparator.comparing(PluginInfo::spi).thenComparing(PluginInfo::name));
    }

    /** Plugins on the class path of this class only. */
    public static PluginRegistry fromClassPath() {
        return new PluginRegistry(PluginRegistry.class.getClassLoader());
    }

    /** Plugins visible to a given class loader (and its parents). */
    public static PluginRegistry fromClassLoader(ClassLoader loader) {
        return new PluginRegistry(loader);
    }

    /**
     * Plugins on the class path and in the jars of the given directories (missing directories are
     * skipped: a new data directory has no {@code plugins/} yet).
     */
    public static PluginRegistry withPluginDirectories(List<Path> directories) {
        List<URL> jars = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new ProximaException.PluginNotAvailable("cannot list plugin directory " + directory + ": " + e.getMessage());
            }
        }
        if (jars.isEmpty()) {
            return fromClassPath();
        }
        ClassLoader parent = PluginRegistry.class.getClassLoader();
        return new PluginRegistry(new URLClassLoader("proxima-plugins", jars.toArray(URL[]::new), parent));
    }

    private <T extends Plugin> void load(PluginKind<T> kind, ClassLoader loader) {
        Map<String, Plugin> byName = new LinkedHashMap<>();
        Iterator<T> providers = ServiceLoader.load(kind.serviceType(), loader).iterator();
        while (true) {
            T plugin;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                plugin = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // The provider's class could not be loaded or constructed: record it by what the error names.
                infos.add(new PluginInfo(kind.name(), providerNameFrom(e), "", "", "?", rootMessage(e)));
                continue;
            }
            String source = sourceOf(plugin.getClass());
            String reason = availabilityProblem(plugin);
            if (reason == null && byName.containsKey(plugin.name())) {
                reason = "duplicate name: '" + plugin.name() + "' is already provided by "
                        + sourceOf(byName.get(plugin.name()).getClass());
            }
            infos.add(new PluginInfo(kind.name(), plugin.name(), plugin.version(), plugin.description(), source, reason));
            if (reason == null) {
                byName.put(plugin.name(), plugin);
            }
        }
        available.put(kind, byName);
    }

    private static String availabilityProblem(Plugin plugin) {
        try {
            plugin.checkAvailable();
            return null;
        } catch (PluginUnavailableException e) {
            return e.getMessage();
        } catch (LinkageError | RuntimeException e) {
            return rootMessage(e);
        }
    }

    /** The available plugin of this kind with this name. */
    public <T extends Plugin> T get(PluginKind<T> kind, String name) {
        Plugin plugin = available.get(kind).get(name);
        if (plugin != null) {
            return kind.serviceType().cast(plugin);
        }
        for (PluginInfo info : infos) {
            if (info.spi().equals(kind.name()) && info.name().equals(name) && !info.available()) {
                throw new ProximaException.PluginNotAvailable(kind.name() + " plugin '" + name + "' is unavailable: "
                        + info.unavailableReason());
            }
        }
        throw new ProximaException.PluginNotAvailable("unknown " + kind.name() + " plugin '" + name + "'; available: "
                + (names(kind).isEmpty() ? "none" : String.join(", ", names(kind))));
    }

    /** The names of the available plugins of a kind, sorted. */
    public List<String> names(PluginKind<?> kind) {
        return available.get(kind).keySet().stream().sorted().toList();
    }

    /** Every plugin found, available or not, sorted by SPI and name. */
    public List<PluginInfo> infos() {
        return List.copyOf(infos);
    }

    private static String sourceOf(Class<?> type) {
        var codeSource = type.getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return "class path";
        }
        String location = codeSource.getLocation().getPath();
        return location.endsWith("/") ? location : Path.of(location).getFileName().toString();
    }

    private static String providerNameFrom(Throwable error) {
        String message = String.valueOf(error.getMessage());
        // ServiceLoader's messages read "<service>: Provider <class> could not be instantiated" or "... not found".
        int at = message.indexOf("Provider ");
        if (at >= 0) {
            String rest = message.substring(at + "Provider ".length());
            int space = rest.indexOf(' ');
            return space < 0 ? rest : rest.substring(0, space);
        }
        return "unloadable provider";
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getClass().getSimpleName() + ": " + root.getMessage();
        if (root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException) {
            detail = "a class it needs is missing (" + root.getMessage() + "); is one of its dependencies off the class path?";
        }
        return root == error ? detail : error.getMessage() + " — " + detail;
    }

    /** A human summary for logs: "memtable: art, btree; wal-codec: avro ...". */
    @Override
    public String toString() {
        return available.entrySet().stream()
                .map(e -> e.getKey().name() + ": " + String.join(", ", e.getValue().keySet()))
                .collect(Collectors.joining("; "));
    }
}
