package io.proximadb.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real peer drivers on a small random data set: built and run as the harness does, their
 * output parsed by the harness's code and their answers scored against an exact ground truth.
 * Skipped where the peer's Debian packages are not installed ({@code bench/install-peers.sh}).
 */
class PeerDriversTest {

    private static final int K = 10;
    private static final int QUERIES = 25;
    private static final Path PEERS = Path.of("peers"); // surefire runs in the module's directory

    @TempDir
    Path dir;

    private float[][] base;
    private float[][] queries;
    private int[][] truth;
    private Path baseFile;
    private Path queryFile;

    @BeforeEach
    void data() throws IOException {
        Random random = new Random(7);
        base = randomRows(random, 400, 12);
        queries = randomRows(random, QUERIES, 12);
        truth = new int[QUERIES][];
        for (int q = 0; q < QUERIES; q++) {
            float[] query = queries[q];
            truth[q] = IntStream.range(0, base.length).boxed()
                    .sorted(Comparator.comparingDouble(i -> distance(base[i], query))).limit(K)
                    .mapToInt(Integer::intValue).toArray();
        }
        baseFile = dir.resolve("base.fvecs");
        queryFile = dir.resolve("queries.fvecs");
        Fvecs.writeOnce(baseFile, base);
        Fvecs.writeOnce(queryFile, queries);
    }

    @Test
    void hnswlibDriverCompilesBuildsAndAnswersEachEf() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/hnswlib/hnswlib.h")), "libhnswlib-dev not installed");
        assumeTrue(onPath("g++"), "g++ not installed");
        Path binary = PeerDriver.compile(PEERS.resolve("hnswlib").resolve("hnswlib_driver.cpp"),
                dir.resolve("bin").resolve("hnswlib_driver"));
        long compiled = Files.getLastModifiedTime(binary).toMillis();
        assertThat(PeerDriver.compile(PEERS.resolve("hnswlib").resolve("hnswlib_driver.cpp"), binary)).isEqualTo(binary);
        assertThat(Files.getLastModifiedTime(binary).toMillis()).as("not rebuilt when up to date").isEqualTo(compiled);

        PeerOutput output = run(binary.toString(), new PeerRun("hnswlib", "hnsw"), List.of(10, 100), List.of(1));

        assertThat(output.settings()).extracting(PeerOutput.Setting::params)
                .containsExactly(Map.of("ef", "10"), Map.of("ef", "100"));
        // 400 points of 12 dimensions: the sizes hnswlib allocates are at least the vectors.
        assertThat(output.memoryBytes()).isGreaterThan(400L * 12 * Float.BYTES);
        assertThat(recall(output.settings().get(1))).isGreaterThanOrEqualTo(0.95);

        PeerOutput paced = runPaced(binary.toString(), new PeerRun("hnswlib", "hnsw"), List.of(10, 100), List.of(1));
        assertThat(paced.settings()).extracting(PeerOutput.Setting::params)
                .containsExactly(Map.of("ef", "10"), Map.of("ef", "100"));
        assertThat(recall(paced.settings().get(1))).isGreaterThanOrEqualTo(0.95);
        assertThat(pacedWithAWrongWord(binary.toString(), new PeerRun("hnswlib", "hnsw")))
                .hasMessageContaining("exited with 1");

        PeerOutput rebuilt = runPacedBuilds(binary.toString(), new PeerRun("hnswlib", "hnsw"), 3);
        assertThat(rebuilt.buildSeconds()).isPositive();
        assertThat(recall(rebuilt.settings().get(1))).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void faissDriverRunsFlatHnswAndIvf() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PeerDriver.PYTHON)), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(PeerDriver.PYTHON, "-c", "import faiss").redirectErrorStream(true).start();
        probe.getInputStream().transferTo(OutputStream.nullOutputStream());
        assumeTrue(probe.waitFor() == 0, "python3-faiss not installed");
        String script = PEERS.resolve("faiss").resolve("faiss_driver.py").toString();

        PeerOutput flat = run(script, new PeerRun("faiss", "flat"), List.of(10), List.of(1));
        assertThat(flat.settings()).singleElement().extracting(PeerOutput.Setting::params).isEqualTo(Map.of());
        assertThat(recall(flat.settings().getFirst())).isEqualTo(1.0);
        assertThat(flat.memoryBytes()).isGreaterThanOrEqualTo(400L * 12 * Float.BYTES);

        PeerOutput hnsw = run(script, new PeerRun("faiss", "hnsw"), List.of(16, 100), List.of(1));
        assertThat(hnsw.settings()).extracting(PeerOutput.Setting::params)
                .containsExactly(Map.of("ef", "16"), Map.of("ef", "100"));
        assertThat(recall(hnsw.settings().get(1))).isGreaterThanOrEqualTo(0.95);
        PeerOutput paced = runPaced(script, new PeerRun("faiss", "hnsw"), List.of(16, 100), List.of(1));
        assertThat(paced.settings()).extracting(PeerOutput.Setting::params)
                .containsExactly(Map.of("ef", "16"), Map.of("ef", "100"));
        assertThat(recall(paced.settings().get(1))).isGreaterThanOrEqualTo(0.95);
        assertThat(pacedWithAWrongWord(script, new PeerRun("faiss", "flat"))).hasMessageContaining("exited with 1");
        PeerOutput rebuilt = runPacedBuilds(script, new PeerRun("faiss", "hnsw"), 2);
        assertThat(recall(rebuilt.settings().get(1))).isGreaterThanOrEqualTo(0.95);

        // nprobe = nlist scans every list: exact.
        PeerOutput ivf = run(script, new PeerRun("faiss", "ivf"), List.of(10), List.of(1, 4));
        assertThat(ivf.settings()).extracting(PeerOutput.Setting::params)
                .containsExactly(Map.of("nprobe", "1"), Map.of("nprobe", "4"));
        assertThat(recall(ivf.settings().get(1))).isEqualTo(1.0);
    }

    private PeerOutput run(String executable, PeerRun run, List<Integer> efs, List<Integer> nprobes) throws Exception {
        return PeerDriver.run(run.series(), command(executable, run, efs, nprobes));
    }

    /** As the harness runs a driver beside ours: paced, two rounds, each when told. */
    private PeerOutput runPaced(String executable, PeerRun run, List<Integer> efs, List<Integer> nprobes) throws Exception {
        List<String> command = command(executable, run, efs, nprobes);
        command.addAll(List.of("--paced", "1"));
        try (PeerProcess process = PeerProcess.start(run.series(), command)) {
            process.awaitReady();
            process.pass();
            process.pass();
            return process.finish();
        }
    }

    /**
     * As the harness runs a driver with {@code --builds}: each build after the first when told, the
     * last followed by the warm-up; a 'pass' where a 'build' is due is refused.
     */
    private PeerOutput runPacedBuilds(String executable, PeerRun run, int builds) throws Exception {
        List<String> command = command(executable, run, List.of(10, 100), List.of(1), builds);
        command.addAll(List.of("--paced", "1"));
        try (PeerProcess early = PeerProcess.start(run.series(), command)) {
            early.awaitBuilt();
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> early.say("pass")))
                    .hasMessageContaining("exited with 1");
        }
        try (PeerProcess process = PeerProcess.start(run.series(), command)) {
            process.awaitBuilt();
            for (int number = 2; number <= builds; number++) {
                process.build(number == builds);
            }
            process.pass();
            return process.finish();
        }
    }

    /** A paced driver told something other than 'pass' stops with an error, which the harness reports. */
    private IOException pacedWithAWrongWord(String executable, PeerRun run) throws Exception {
        List<String> command = command(executable, run, List.of(10), List.of(1));
        command.addAll(List.of("--paced", "1"));
        try (PeerProcess process = PeerProcess.start(run.series(), command)) {
            process.awaitReady();
            return org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> process.say("go"));
        }
    }

    private List<String> command(String executable, PeerRun run, List<Integer> efs, List<Integer> nprobes) throws IOException {
        return command(executable, run, efs, nprobes, 1);
    }

    private List<String> command(String executable, PeerRun run, List<Integer> efs, List<Integer> nprobes, int builds)
            throws IOException {
        AnnOptions options = new AnnOptions("fashion-mnist", List.of(run.kind()), 8, 64, efs, 4, nprobes,
                List.of("none"), null, List.of(), List.of(run.peer()), "none", 2, 0, 2, 0, builds, null, null, "HNSW32");
        Path out = Files.createDirectories(dir.resolve("answers-" + run.series()));
        List<String> command = new ArrayList<>(executable.endsWith(".py") ? List.of(PeerDriver.PYTHON, executable)
                : List.of(executable));
        command.addAll(run.arguments(options, baseFile, queryFile, QUERIES, K, out));
        return command;
    }

    private double recall(PeerOutput.Setting setting) throws IOException {
        PeerAnswers answers = PeerAnswers.read(setting.answers(), QUERIES, K);
        assertThat(Arrays.stream(answers.latencyNanos()).min().orElseThrow()).isPositive();
        assertThat(setting.wallNanos()).isGreaterThanOrEqualTo(answers.latencyNanos()[0]);
        double sum = 0;
        for (int q = 0; q < QUERIES; q++) {
            sum += Recall.atK(answers.ids()[q], truth[q], K);
        }
        return sum / QUERIES;
    }

    private static float[][] randomRows(Random random, int rows, int dimension) {
        float[][] values = new float[rows][dimension];
        for (float[] row : values) {
            for (int i = 0; i < dimension; i++) {
                row[i] = random.nextFloat();
            }
        }
        return values;
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
