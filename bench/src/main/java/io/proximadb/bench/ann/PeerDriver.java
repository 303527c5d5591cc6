package io.proximadb.bench.ann;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Readies and runs a peer's driver, a separate process that builds the peer's index and measures
 * it ({@code bench/peers/<peer>/}). The packages are installed by {@code bench/install-peers.sh}
 * (the script, not this class, knows them, so that it can be run by hand too); the hnswlib driver
 * is compiled here, into {@code bench/results/bin/}, when its source is newer than the binary.
 */
final class PeerDriver {

    /** Debian's interpreter, which sees python3-faiss; a {@code python3} earlier on PATH may not. */
    static final String PYTHON = "/usr/bin/python3";

    private PeerDriver() {
    }

    /** Installs what {@code peer} needs and builds its driver; returns the command that starts it. */
    static List<String> prepare(String peer, Path repository, Path results) throws IOException, InterruptedException {
        Path script = repository.resolve("bench").resolve("install-peers.sh");
        if (!Files.isRegularFile(script)) {
            throw new IOException("the peer installer " + script + " was not found; run from the repository");
        }
        int status = tool(List.of("bash", script.toString(), peer));
        if (status != 0) {
            throw new IOException("installing peer '" + peer + "' failed (" + script + " exited with " + status
                    + "); see its message above");
        }
        Path sources = repository.resolve("bench").resolve("peers").resolve(peer);
        return switch (peer) {
            case "hnswlib" -> List.of(compile(sources.resolve("hnswlib_driver.cpp"),
                    results.resolve("bin").resolve("hnswlib_driver")).toString());
            case "faiss" -> List.of(PYTHON, sources.resolve("faiss_driver.py").toString());
            default -> throw new IllegalArgumentException("unknown peer '" + peer + "'; known: "
                    + String.join(", ", AnnOptions.PEERS));
        };
    }

    /**
     * Compiles the C++ driver for this machine's CPU unless the binary is newer than its source. The
     * compiler writes aside and the binary is moved into place, so a failed build leaves no binary
     * that would later look up to date.
     */
    static Path compile(Path source, Path binary) throws IOException, InterruptedException {
        if (!Files.isRegularFile(source)) {
            throw new IOException("driver source " + source + " not found");
        }
        if (Files.isRegularFile(binary)
                && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return binary;
        }
        Files.createDirectories(binary.getParent());
        Path partial = binary.resolveSibling(binary.getFileName() + ".partial");
        List<String> command = List.of("g++", "-O3", "-march=native", "-std=c++17", "-pthread",
                "-o", partial.toString(), source.toString());
        System.err.println("ann: compiling " + String.join(" ", command));
        int status = tool(command);
        if (status != 0) {
            throw new IOException("compiling " + source + " failed (g++ exited with " + status + "); see above");
        }
        Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return binary;
    }

    /**
     * Runs a driver to the end, unpaced: its standard error passes through (progress, errors), its
     * standard output is the protocol.
     */
    static PeerOutput run(String name, List<String> command) throws IOException, InterruptedException {
        try (PeerProcess process = PeerProcess.start(name, command)) {
            return process.finish();
        }
    }

    /** Runs a tool with everything it prints sent to our standard error, which keeps standard output JSON. */
    private static int tool(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(System.err);
        return process.waitFor();
    }
}
