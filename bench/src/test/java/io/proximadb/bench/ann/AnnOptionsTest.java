package io.proximadb.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.VectorValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnOptionsTest {

    /** Defaults as the command line gives them, with the lists that matter here. */
    private static AnnOptions options(List<String> indexes, List<String> quantizers, Integer pqM,
                                      List<Integer> reranks, List<String> peers) {
        return new AnnOptions("fashion-mnist", indexes, 16, 200, List.of(10, 32), 256, List.of(1, 8), quantizers, pqM,
                reranks, peers, "none", 2, 0, 1, 0, 1, null, null, "HNSW32");
    }

    private static AnnOptions options(List<String> indexes, List<String> quantizers) {
        return options(indexes, quantizers, null, List.of(), List.of());
    }

    @Test
    void theFaissPluginIsOneRunNamedByItsFactoryAndSweptByItsFamilysKnob() {
        AnnOptions hnsw = options(List.of("faiss"), List.of("none"));
        List<IndexRun> runs = IndexRun.plan(hnsw);
        assertThat(runs).hasSize(1);
        IndexRun run = runs.getFirst();
        assertThat(run.series(hnsw)).isEqualTo("faiss-ffm-hnsw32");
        assertThat(run.buildParams(hnsw)).containsExactly(Map.entry("factory", "HNSW32"), Map.entry("ef_construction", "200"));
        assertThat(run.searchSettings(hnsw)).containsExactly(Map.of("ef", "10"), Map.of("ef", "32"));

        AnnOptions ivf = new AnnOptions("fashion-mnist", List.of("faiss"), 16, 200, List.of(10), 256, List.of(1, 8),
                List.of("none"), null, List.of(), List.of(), "none", 2, 0, 1, 0, 1, null, null, "IVF256,Flat");
        assertThat(run.series(ivf)).isEqualTo("faiss-ffm-ivf256-flat");
        assertThat(run.buildParams(ivf)).containsExactly(Map.entry("factory", "IVF256,Flat"));
        assertThat(run.searchSettings(ivf)).containsExactly(Map.of("nprobe", "1"), Map.of("nprobe", "8"));
    }

    @Test
    void hnswGetsItsOwnBuildParamsAndTheQuantizerOnlyWhenThereIsOne() {
        AnnOptions options = options(List.of("hnsw"), List.of("none", "sq8", "pq"), 8, List.of(), List.of());
        List<IndexRun> runs = IndexRun.plan(options);

        assertThat(runs).extracting(IndexRun::series).containsExactly("hnsw", "hnsw-sq8", "hnsw-pq");
        assertThat(runs.get(0).buildParams(options)).containsExactly(Map.entry("m", "16"),
                Map.entry("ef_construction", "200"), Map.entry("build_threads", "2"));
        assertThat(runs.get(1).buildParams(options)).containsExactly(Map.entry("m", "16"),
                Map.entry("ef_construction", "200"), Map.entry("quantizer", "sq8"), Map.entry("build_threads", "2"));
        assertThat(runs.get(2).buildParams(options)).containsEntry("quantizer", "pq").containsEntry("pq_m", "8")
                .doesNotContainKeys("nlist");
        assertThat(runs.get(0).searchSettings(options)).containsExactly(Map.of("ef", "10"), Map.of("ef", "32"));
    }

    @Test
    void ivfGetsNlistAndSweepsNprobeCrossedWithRerankWhenQuantized() {
        AnnOptions options = options(List.of("ivf"), List.of("none", "pq"), null, List.of(20, 50), List.of());
        List<IndexRun> runs = IndexRun.plan(options);

        assertThat(runs).extracting(IndexRun::series).containsExactly("ivf", "ivf-pq");
        assertThat(runs.get(0).buildParams(options)).containsExactly(Map.entry("nlist", "256"),
                Map.entry("build_threads", "2"));
        assertThat(runs.get(1).buildParams(options)).containsExactly(Map.entry("nlist", "256"),
                Map.entry("quantizer", "pq"), Map.entry("build_threads", "2"));
        assertThat(runs.get(0).searchSettings(options)).containsExactly(Map.of("nprobe", "1"), Map.of("nprobe", "8"));
        assertThat(runs.get(1).searchSettings(options)).containsExactly(
                Map.of("nprobe", "1", "rerank", "20"), Map.of("nprobe", "1", "rerank", "50"),
                Map.of("nprobe", "8", "rerank", "20"), Map.of("nprobe", "8", "rerank", "50"));
        assertThat(runs.get(1).searchSettings(options).getFirst().keySet()).containsExactly("nprobe", "rerank");
    }

    @Test
    void flatIsBuiltOnceWithoutParametersWhateverTheQuantizers() {
        AnnOptions options = options(List.of("flat", "hnsw"), List.of("none", "binary"));
        List<IndexRun> runs = IndexRun.plan(options);

        assertThat(runs).extracting(IndexRun::series).containsExactly("flat", "hnsw", "hnsw-binary");
        assertThat(runs.getFirst().buildParams(options)).isEmpty();
        assertThat(runs.getFirst().searchSettings(options)).containsExactly(Map.of());
    }

    @Test
    void peersStandBesideTheirCounterpartsWithTheSameParameters() {
        AnnOptions options = options(List.of("flat", "hnsw", "ivf"), List.of("none"), null, List.of(),
                List.of("hnswlib", "faiss"));

        assertThat(PeerRun.plan("hnswlib", options.indexes())).extracting(PeerRun::series).containsExactly("hnswlib");
        List<PeerRun> faiss = PeerRun.plan("faiss", options.indexes());
        assertThat(faiss).extracting(PeerRun::series).containsExactly("faiss-flat", "faiss-hnsw", "faiss-ivf");
        assertThat(faiss.get(1).buildParams(options)).containsExactly(Map.entry("m", "16"),
                Map.entry("ef_construction", "200"), Map.entry("build_threads", "2"));
        assertThat(faiss.get(2).buildParams(options)).containsExactly(Map.entry("nlist", "256"),
                Map.entry("build_threads", "2"));

        Path dir = Path.of("/r");
        assertThat(new PeerRun("hnswlib", "hnsw").arguments(options, dir.resolve("b"), dir.resolve("q"), 500, 10, dir))
                .containsExactly("--base", "/r/b", "--queries", "/r/q", "--nq", "500", "--k", "10", "--threads", "2",
                        "--passes", "1", "--builds", "1", "--out", "/r", "--m", "16", "--ef-construction", "200", "--ef", "10,32");
        assertThat(faiss.get(2).arguments(options, dir.resolve("b"), dir.resolve("q"), 500, 10, dir))
                .startsWith("--kind", "ivf").endsWith("--nlist", "256", "--nprobe", "1,8");
        assertThat(faiss.getFirst().arguments(options, dir.resolve("b"), dir.resolve("q"), 500, 10, dir))
                .startsWith("--kind", "flat").endsWith("--out", "/r");
    }

    @Test
    void refusesWhatCannotBeRunWithAMessageNamingIt() {
        assertThatThrownBy(() -> options(List.of("hnsw", "diskann"), List.of("none")))
                .hasMessageContaining("unknown index 'diskann'").hasMessageContaining("flat, hnsw, ivf");
        assertThatThrownBy(() -> options(List.of("hnsw"), List.of("sq4")))
                .hasMessageContaining("unknown quantizer 'sq4'").hasMessageContaining("none, sq8, pq, binary");
        assertThatThrownBy(() -> options(List.of("flat"), List.of("sq8")))
                .hasMessageContaining("applies to hnsw and ivf");
        assertThatThrownBy(() -> options(List.of("hnsw"), List.of("sq8"), 8, List.of(), List.of()))
                .hasMessageContaining("--pq-m applies only to --quantizer pq");
        assertThatThrownBy(() -> options(List.of("hnsw"), List.of("none"), null, List.of(40), List.of()))
                .hasMessageContaining("--rerank").hasMessageContaining("quantizer");
        assertThatThrownBy(() -> options(List.of("hnsw"), List.of("sq8"), null, List.of(0), List.of()))
                .hasMessageContaining("--rerank must be positive, got 0");
        assertThatThrownBy(() -> options(List.of("flat"), List.of("none"), null, List.of(), List.of("hnswlib")))
                .hasMessageContaining("--peer hnswlib has no counterpart of --index flat; it has one for [hnsw]");
        assertThatThrownBy(() -> options(List.of("hnsw"), List.of("none"), null, List.of(), List.of("annoy")))
                .hasMessageContaining("unknown peer 'annoy'; known: hnswlib, faiss");
        assertThatThrownBy(() -> options(List.of("hnsw", "hnsw"), List.of("none")))
                .hasMessageContaining("names a value twice");
        assertThatThrownBy(() -> new AnnOptions("fashion-mnist", List.of("hnsw"), 16, 200, List.of(10), 256, List.of(1),
                List.of("none"), null, List.of(), List.of("faiss"), "same-label", 2, 0, 1, 0, 1, null, null, "HNSW32"))
                .hasMessageContaining("--peer runs unfiltered only");
        assertThatThrownBy(() -> new AnnOptions("fashion-mnist", List.of("ivf"), 16, 200, List.of(10), 256, List.of(),
                List.of("none"), null, List.of(), List.of(), "none", 2, 0, 1, 0, 1, null, null, "HNSW32"))
                .hasMessageContaining("give at least one --nprobe");
        assertThatThrownBy(() -> new AnnOptions("fashion-mnist", List.of("hnsw"), 16, 200, List.of(10), 256, List.of(1),
                List.of("none"), null, List.of(), List.of(), "none", 2, 0, 0, 0, 1, null, null, "HNSW32"))
                .hasMessageContaining("--passes must be positive, got 0");
        assertThatThrownBy(() -> new AnnOptions("fashion-mnist", List.of("hnsw"), 16, 200, List.of(10), 256, List.of(1),
                List.of("none"), null, List.of(), List.of(), "none", 2, 0, 1, -1, 1, null, null, "HNSW32"))
                .hasMessageContaining("--build-warm-up must be 0 or more vectors, got -1");
        assertThatThrownBy(() -> new AnnOptions("fashion-mnist", List.of("hnsw"), 16, 200, List.of(10), 256, List.of(1),
                List.of("none"), null, List.of(), List.of(), "none", 2, 0, 1, 0, 0, null, null, "HNSW32"))
                .hasMessageContaining("--builds must be positive, got 0");
    }

    @Test
    void aWarmUpBuildTakesTheFirstVectorsInPlace() {
        float[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        try (InMemoryVectors vectors = new InMemoryVectors(rows)) {
            VectorValues first = vectors.first(2);
            assertThat(first.size()).isEqualTo(2);
            assertThat(first.dimension()).isEqualTo(2);
            assertThat(first.vector(1)).containsExactly(3, 4);
            assertThat(first.segment().byteSize()).isEqualTo(2 * 2 * Float.BYTES);
            assertThat(first.segment().address()).isEqualTo(vectors.segment().address());
            assertThatThrownBy(() -> first.vector(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> vectors.first(4)).hasMessageContaining("cannot take the first 4 of 3 vectors");
        }
    }
}
