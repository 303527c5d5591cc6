package io.proximadb.index.faiss;

import io.proximadb.nativelib.BundledLibrary;
import io.proximadb.spi.PluginUnavailableException;
import java.io.IOException;
import java.nio.file.Path;

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

    private static final BundledLibrary LIBRARY =
            new BundledLibrary("/native", "libproxima_faiss.so", LIBRARY_PROPERTY, "the faiss shim");
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
        try {
            return LIBRARY.locate();
        } catch (BundledLibrary.Unavailable e) {
            throw new PluginUnavailableException(e.getMessage());
        }
    }
}
