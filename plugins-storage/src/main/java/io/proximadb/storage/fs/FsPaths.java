package io.proximadb.storage.fs;

/**
 * The path rules of {@link io.proximadb.spi.fs.FileSystem}, shared by this module's providers:
 * relative, {@code /}-separated, no empty, {@code .} or {@code ..} segments. Checking names before
 * touching any store keeps a path from escaping its root and keeps the same names valid on object
 * stores, where {@code a//b} and {@code a/../b} are distinct keys.
 */
public final class FsPaths {

    private FsPaths() {
    }

    /**
     * Checks the path of a file (or of any entry that is not the root).
     *
     * @return {@code path}
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static String file(String path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (path.isEmpty()) {
            throw invalid(path, "it is empty (the root is not a file)");
        }
        if (path.startsWith("/")) {
            throw invalid(path, "it is absolute; paths are relative to the filesystem's root");
        }
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            if (segment.isEmpty()) {
                throw invalid(path, "it has an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(path, "it has a '" + segment + "' segment");
            }
            if (segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
                throw invalid(path, "it contains '\\' or NUL");
            }
            if (slash < 0) {
                return path;
            }
            start = slash + 1;
        }
    }

    /** Checks the path of a directory; the empty path names the root. */
    public static String directory(String path) {
        return path != null && path.isEmpty() ? path : file(path);
    }

    /** The parent directory of a checked path; the empty path for an entry of the root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static IllegalArgumentException invalid(String path, String why) {
        return new IllegalArgumentException("invalid path '" + path + "': " + why);
    }
}
