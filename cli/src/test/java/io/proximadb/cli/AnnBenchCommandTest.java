package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class AnnBenchCommandTest {

    @Test
    void parsesTheIssueCommandLine() {
        ParseResult parsed = Main.newCommandLine().parseArgs("bench", "ann", "--dataset", "fashion-mnist",
                "--index", "hnsw,flat", "--m", "24", "--ef-construction", "100", "--ef", "10,16,128",
                "--filter", "same-label", "--threads", "1", "--queries", "500");
        AnnBenchCommand ann = (AnnBenchCommand) parsed.subcommand().subcommand().commandSpec().userObject();

        assertThat(ann.indexes).containsExactly("hnsw", "flat");
        assertThat(ann.efs).containsExactly(10, 16, 128);
        assertThat(List.of(ann.m, ann.efConstruction, ann.threads, ann.queries)).containsExactly(24, 100, 1, 500);
        assertThat(ann.filter).isEqualTo("same-label");
        assertThat(ann.options().peers()).isEmpty();
    }

    @Test
    void parsesIvfQuantizerAndPeerOptionsIntoTheBenchmarkOptions() {
        ParseResult parsed = Main.newCommandLine().parseArgs("bench", "ann", "--index", "ivf,hnsw",
                "--nlist", "512", "--nprobe", "1,4,16", "--quantizer", "none,pq", "--pq-m", "16", "--rerank", "20,40",
                "--peer", "hnswlib", "--peer", "faiss", "--threads", "2");
        AnnBenchCommand ann = (AnnBenchCommand) parsed.subcommand().subcommand().commandSpec().userObject();

        var options = ann.options();
        assertThat(options.indexes()).containsExactly("ivf", "hnsw");
        assertThat(options.nlist()).isEqualTo(512);
        assertThat(options.nprobes()).containsExactly(1, 4, 16);
        assertThat(options.quantizers()).containsExactly("none", "pq");
        assertThat(options.pqM()).isEqualTo(16);
        assertThat(options.reranks()).containsExactly(20, 40);
        assertThat(options.peers()).containsExactly("hnswlib", "faiss");
        assertThat(options.threads()).isEqualTo(2);
    }

    @Test
    void aBadCombinationFailsBeforeAnyWorkWithItsReason() {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        assertThat(commandLine.execute("bench", "ann", "--index", "flat", "--peer", "hnswlib")).isEqualTo(1);
        assertThat(err.toString()).contains("--peer hnswlib has no counterpart of --index flat");
    }

    @Test
    void isListedUnderBenchWithItsHelp() {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("bench", "--help")).isZero();
        assertThat(out.toString()).contains("ann");

        out.getBuffer().setLength(0);
        assertThat(commandLine.execute("bench", "ann", "--help")).isZero();
        assertThat(out.toString()).contains("--ef-construction", "--filter", "--queries", "recall_at_10",
                "--nlist", "--nprobe", "--quantizer", "--pq-m", "--rerank", "--peer", "hnswlib", "faiss");
    }
}
