package io.proximadb.index.faiss;

import io.proximadb.spi.PluginUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds and opens the shim once: the file named by the system property
 * {@value #LIBRARY_PROPERTY} if set, otherwise the copy bundled in this jar under
 * {@code native/linux-x86_64/}, extracted to a temporary file (a shared library cannot be
 * opened from inside a jar). When the build could not make the library it bundled an
 * {@code UNAVAILABLE} file instead, whose text becomes the reason. Thread-safe; the outcome,
 * success or reason, is computed once per loader.
 */
final class FaissLoader {

    /** Overrides the bundled library with a path, for development and tests. */
    static final String LIBRARY_PROPERTY = "proximadb.faiss.library";

    private static final String RESOURCE_DIR = "/native/linux-x86_64/";
    private static final FaissLoader BUNDLED = new FaissLoader(null);

    private final Path explicit;
    private volatile Object outcome; // a FaissLibrary, or the PluginUnavailableException to rethrow

    private FaissLoader(Path explicit) {
        this.explicit = explicit;
    }

    /** The loader of the library configured by {@value #LIBRARY_PROPERTY} or bundled in the jar. */
    static FaissLoader bundled() {
        return BUNDLED;
    }

    /** A loader of the library at {@code path}. */
    static FaissLoader at(Path path) {
        return new FaissLoader(path);
    }

    FaissLibrary library() throws PluginUnavailableException {
        Object result = outcome;
        if (result == null) {
            synchronized (this) {
                result = outcome;
                if (result == null) {
                    result = attempt();
                    outcome = result;
                }
            }
        }
        if (result instanceof PluginUnavailableException e) {
            throw new PluginUnavailableException(e.getMessage(), e.getCause());
        }
        return (FaissLibrary) result;
    }

    private Object attempt() {
        try {
            return FaissLibrary.open(locate());
        } catch (PluginUnavailableException e) {
            return e;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            return new PluginUnavailableException("cannot load the faiss shim: " + e.getMessage(), e);
        }
    }

    private Path locate() throws PluginUnavailableException, IOException {
        if (explicit != null) {
            return explicit;
        }
        String property = System.getProperty(LIBRARY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new PluginUnavailableException("the faiss shim is built for linux-x86_64 only, this is " + os + "-" + arch);
        }
        try (InputStream marker = FaissLoader.class.getResourceAsStream(RESOURCE_DIR + "UNAVAILABLE")) {
            if (marker != null) {
                throw new PluginUnavailableException(
                        "the faiss shim was not built: " + new String(marker.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        try (InputStream library = FaissLoader.class.getResourceAsStream(RESOURCE_DIR + "libproxima_faiss.so")) {
            if (library == null) {
                throw new PluginUnavailableException("the faiss shim is not in this build (no " + RESOURCE_DIR
                        + "libproxima_faiss.so on the class path); build the native module on linux-x86_64");
            }
            Path file = Files.createTempFile("libproxima_faiss", ".so");
            file.toFile().deleteOnExit();
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
