package io.proximadb.bench.ann;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure a data set's files are there, installing the distribution package that holds them with
 * {@code bench/install-datasets.sh} (the script, not this class, knows the package and the apt
 * commands, so that it can be run by hand too).
 */
public final class DatasetInstaller {

    private DatasetInstaller() {
    }

    /** Returns at once when {@code files} is a directory; otherwise runs the installer script of {@code repository}. */
    public static void ensure(String dataset, Path files, Path repository) throws IOException, InterruptedException {
        if (Files.isDirectory(files)) {
            return;
        }
        Path script = repository.resolve("bench").resolve("install-datasets.sh");
        if (!Files.isRegularFile(script)) {
            throw new IOException(files + " is missing and the installer " + script + " was not found; install the"
                    + " data set with: apt-get install dataset-" + dataset);
        }
        System.err.println("ann: " + files + " is missing; running " + script + " " + dataset);
        Process process = new ProcessBuilder("bash", script.toString(), dataset)
                .inheritIO() // the script writes only to standard error, so our standard output stays JSON
                .start();
        int status = process.waitFor();
        if (status != 0 || !Files.isDirectory(files)) {
            throw new IOException("installing data set '" + dataset + "' failed (" + script + " exited with " + status
                    + "); see its message above");
        }
    }
}
