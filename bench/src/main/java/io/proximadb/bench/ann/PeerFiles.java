package io.proximadb.bench.ann;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the peers' drivers read the data set and write their answers: the base vectors and all the
 * queries as {@code .fvecs} under {@code bench/results/data/<dataset>/}, written once and reused
 * by later runs, and {@code bench/results/peers/} for the answer files of each run.
 */
record PeerFiles(Path base, Path queries, Path answers) {

    static PeerFiles write(Path results, AnnDataset data) throws IOException {
        Path dir = results.resolve("data").resolve(data.name());
        PeerFiles files = new PeerFiles(dir.resolve("base.fvecs"), dir.resolve("queries.fvecs"), results.resolve("peers"));
        Fvecs.writeOnce(files.base(), data.base());
        Fvecs.writeOnce(files.queries(), data.queries());
        Files.createDirectories(files.answers());
        return files;
    }
}
