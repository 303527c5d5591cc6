package io.proximadb.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Where a shared library this module's build made is to be opened from: the file a system
 * property names, if set, otherwise the copy bundled in the jar under
 * {@code <resourceDir>/linux-x86_64/}, extracted to a temporary file (a shared library cannot be
 * opened from inside a jar). When the build could not make the library it bundled an
 * {@code UNAVAILABLE} file in its place, whose text becomes the reason.
 *
 * @param resourceDir the jar directory above {@code linux-x86_64/}, such as {@code /native}
 * @param fileName the library's file name, such as {@code libproxima_faiss.so}
 * @param property the system property that overrides the bundled copy with a path
 * @param what how messages name the library, such as {@code the faiss shim}
 */
public record BundledLibrary(String resourceDir, String fileName, String property, String what) {

    /** Why a library cannot be opened in this process. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** The library's file: the property's path, or the bundled copy extracted. */
    public Path locate() throws Unavailable, IOException {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new Unavailable(what + " is built for linux-x86_64 only, this is " + os + "-" + arch);
        }
        String dir = resourceDir + "/linux-x86_64/";
        try (InputStream marker = BundledLibrary.class.getResourceAsStream(dir + "UNAVAILABLE")) {
            if (marker != null) {
                throw new Unavailable(what + " was not built: "
                        + new String(marker.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        try (InputStream library = BundledLibrary.class.getResourceAsStream(dir + fileName)) {
            if (library == null) {
                throw new Unavailable(what + " is not in this build (no " + dir + fileName
                        + " on the class path); build the native module on linux-x86_64");
            }
            Path file = Files.createTempFile(fileName.replace(".so", ""), ".so");
            file.toFile().deleteOnExit();
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
