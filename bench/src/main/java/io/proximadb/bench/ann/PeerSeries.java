package io.proximadb.bench.ann;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A peer's index in a run of the benchmark: its driver started paced ({@link PeerProcess}), built
 * and warmed up, then told to run each round in turn with ours; at the end its answers are scored
 * against the same ground truth with the same code as ours.
 */
final class PeerSeries implements AutoCloseable {

    private final PeerRun run;
    private final PeerProcess process;

    private PeerSeries(PeerRun run, PeerProcess process) {
        this.run = run;
        this.process = process;
    }

    /**
     * Starts {@code run}'s driver over the harness's files and waits until it has made its first
     * build, and if that is its only one, until it has warmed up too.
     */
    static PeerSeries start(PeerRun run, List<String> driver, AnnOptions options, int queries, PeerFiles files)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(driver);
        command.addAll(run.arguments(options, files.base(), files.queries(), queries, AnnBenchmark.K, files.answers()));
        command.addAll(List.of("--paced", "1"));
        System.err.println("ann: running " + run.series() + ": " + String.join(" ", command));
        PeerProcess process = PeerProcess.start(run.series(), command);
        try {
            if (options.builds() > 1) {
                process.awaitBuilt();
            } else {
                process.awaitReady();
            }
            return new PeerSeries(run, process);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** Build {@code number} of {@code builds}, after the first; after the last the driver warms up. */
    void build(int number, int builds) throws IOException, InterruptedException {
        process.build(number == builds);
    }

    String series() {
        return run.series();
    }

    /** One round: a measured pass of every setting, in the driver. */
    void round() throws IOException, InterruptedException {
        process.pass();
    }

    /** Ends the driver's rounds and scores each setting's fastest pass. */
    List<AnnResult> results(AnnOptions options, AnnDataset data, int queries) throws IOException, InterruptedException {
        PeerOutput output = process.finish();
        double memoryMb = output.memoryBytes() / (1024.0 * 1024.0);
        List<AnnResult> results = new ArrayList<>();
        for (PeerOutput.Setting setting : output.settings()) {
            PeerAnswers answers = PeerAnswers.read(setting.answers(), queries, AnnBenchmark.K);
            double recallSum = 0;
            for (int q = 0; q < queries; q++) {
                recallSum += Recall.atK(answers.ids()[q], data.gt()[q], AnnBenchmark.K);
            }
            Pass pass = Pass.of(recallSum, answers.latencyNanos(), setting.wallNanos());
            Map<String, String> params = new LinkedHashMap<>(run.buildParams(options));
            params.putAll(setting.params());
            results.add(new AnnResult(run.series(), options.filter(), params, queries, output.buildSeconds(),
                    pass.recall(), pass.qps(), pass.p50Ms(), pass.p99Ms(), memoryMb));
        }
        return results;
    }

    @Override
    public void close() {
        process.close();
    }
}
