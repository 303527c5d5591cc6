package io.proximadb.bench.ann;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of another library's index on the same data, the counterpart of one of our indexes:
 * hnswlib's HNSW for hnsw; FAISS's IndexFlatL2, IndexHNSWFlat and IndexIVFFlat for flat, hnsw and
 * ivf. Peers run unquantized, with the same build parameters and the same search sweep as ours.
 *
 * @param peer {@code hnswlib} or {@code faiss}
 * @param kind which of our indexes it stands beside: {@code flat}, {@code hnsw} or {@code ivf}
 */
record PeerRun(String peer, String kind) {

    /** The kinds of our indexes that {@code peer} has a counterpart of. */
    static List<String> counterparts(String peer) {
        return switch (peer) {
            case "hnswlib" -> List.of("hnsw");
            case "faiss" -> List.of("flat", "hnsw", "ivf");
            default -> throw new IllegalArgumentException("unknown peer '" + peer + "'; known: "
                    + String.join(", ", AnnOptions.PEERS));
        };
    }

    /** The runs of {@code peer} beside {@code indexes}, in their order; empty when it has no counterpart. */
    static List<PeerRun> plan(String peer, List<String> indexes) {
        List<String> kinds = counterparts(peer);
        return indexes.stream().filter(kinds::contains).map(kind -> new PeerRun(peer, kind)).toList();
    }

    /** The name of its results: {@code hnswlib}, or {@code faiss-flat}, {@code faiss-hnsw}, {@code faiss-ivf}. */
    String series() {
        return peer.equals("hnswlib") ? peer : peer + "-" + kind;
    }

    /** The build parameters under our names, as our counterpart gets them (without a quantizer). */
    Map<String, String> buildParams(AnnOptions options) {
        Map<String, String> params = new LinkedHashMap<>();
        switch (kind) {
            case "hnsw" -> {
                params.put("m", Integer.toString(options.m()));
                params.put("ef_construction", Integer.toString(options.efConstruction()));
                params.put("build_threads", Integer.toString(options.threads()));
            }
            case "ivf" -> {
                params.put("nlist", Integer.toString(options.nlist()));
                params.put("build_threads", Integer.toString(options.threads()));
            }
            default -> {
                // flat: no parameters
            }
        }
        return params;
    }

    /**
     * The driver's arguments after its executable: the data files, how many queries, k, the build
     * parameters and the sweep (docs/bench/ann.md, "Peer driver protocol").
     */
    List<String> arguments(AnnOptions options, Path base, Path queries, int queryCount, int k, Path out) {
        List<String> args = new ArrayList<>();
        if (peer.equals("faiss")) {
            args.addAll(List.of("--kind", kind));
        }
        args.addAll(List.of("--base", base.toString(), "--queries", queries.toString(),
                "--nq", Integer.toString(queryCount), "--k", Integer.toString(k),
                "--threads", Integer.toString(options.threads()), "--passes", Integer.toString(options.passes()),
                "--builds", Integer.toString(options.builds()),
                "--out", out.toString()));
        switch (kind) {
            case "hnsw" -> args.addAll(List.of("--m", Integer.toString(options.m()),
                    "--ef-construction", Integer.toString(options.efConstruction()), "--ef", joined(options.efs())));
            case "ivf" -> args.addAll(List.of("--nlist", Integer.toString(options.nlist()),
                    "--nprobe", joined(options.nprobes())));
            default -> {
                // flat: nothing to build or sweep
            }
        }
        return args;
    }

    private static String joined(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
