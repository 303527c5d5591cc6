package io.proximadb.bench.hiccup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proximadb.bench.progress.ProgressBar;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How long the machine takes the CPU away from a busy thread, in the spirit of jHiccup: threads
 * that never block read a memory area at random, note the time after every few hundred reads,
 * and record each gap between two notes longer than a threshold. A gap is time the thread did not
 * run although it wanted to: a stop of the JVM, a time slice given to another thread or process,
 * a kernel thread, the hypervisor. A latency benchmark cannot have a p99 below the gaps that hit
 * one percent of its requests, so this measures the floor of the machine, before the server.
 *
 * <p>The memory area matters: on some virtual machines the kernel's or the host's memory
 * monitoring scans page tables in proportion to the memory a process touches, and the gaps grow
 * with it.
 */
public final class HiccupMeter {

    /** What one thread saw. */
    public record ThreadGaps(int thread, long over1ms, long over5ms, long over10ms, double longestMs,
                             double stalledMs, List<double[]> longGaps) {
    }

    private HiccupMeter() {
    }

    /**
     * Runs {@code threads} readers over {@code megabytes} of memory for {@code seconds}, and returns
     * the JSON line of the figures.
     */
    public static String run(int threads, int megabytes, double seconds) throws InterruptedException {
        long[] memory = new long[Math.max(1, (int) Math.min(Integer.MAX_VALUE - 8, megabytes * (1024L * 1024 / 8)))];
        for (int i = 0; i < memory.length; i += 512) { // touch every page, so that it is resident
            memory[i] = i;
        }
        long duration = (long) (seconds * 1e9);
        List<ThreadGaps> results = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[] sink = new long[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("hiccup-" + t).start(() -> {
                ThreadGaps gaps = measure(thread, memory, duration, sink);
                synchronized (results) {
                    results.add(gaps);
                }
            }));
        }
        try (ProgressBar progress = new ProgressBar(String.format("hiccups, %d threads over %d MB", threads, megabytes),
                (long) Math.ceil(seconds), "s")) {
            long start = System.nanoTime();
            for (Thread worker : workers) {
                while (worker.isAlive()) {
                    worker.join(200);
                    progress.advance(Math.min((long) Math.ceil(seconds), (System.nanoTime() - start) / 1_000_000_000L)
                            - progress.done());
                }
            }
            progress.advance((long) Math.ceil(seconds) - progress.done());
        }
        results.sort((a, b) -> Integer.compare(a.thread(), b.thread()));
        return json(threads, megabytes, seconds, results);
    }

    private static ThreadGaps measure(int thread, long[] memory, long duration, long[] sink) {
        SplittableRandom random = new SplittableRandom(thread);
        long start = System.nanoTime();
        long last = start;
        long over1 = 0;
        long over5 = 0;
        long over10 = 0;
        long longest = 0;
        long stalled = 0;
        long sum = 0;
        List<double[]> longGaps = new ArrayList<>();
        while (last - start < duration) {
            for (int i = 0; i < 200; i++) {
                sum += memory[random.nextInt(memory.length)];
            }
            long now = System.nanoTime();
            long gap = now - last;
            if (gap > 1_000_000) {
                over1++;
                stalled += gap;
                over5 += gap > 5_000_000 ? 1 : 0;
                over10 += gap > 10_000_000 ? 1 : 0;
                if (gap > 5_000_000 && longGaps.size() < 1000) {
                    longGaps.add(new double[] {(last - start) / 1e9, gap / 1e6});
                }
            }
            longest = Math.max(longest, gap);
            last = now;
        }
        sink[thread] = sum; // keeps the reads from being optimised away
        return new ThreadGaps(thread, over1, over5, over10, longest / 1e6, stalled / 1e6, longGaps);
    }

    private static String json(int threads, int megabytes, double seconds, List<ThreadGaps> results) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode().put("benchmark", "hiccups").put("threads", threads)
                .put("megabytes", megabytes).put("seconds", seconds)
                .put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode perThread = json.putArray("per_thread");
        long over5 = 0;
        double longest = 0;
        double stalled = 0;
        for (ThreadGaps gaps : results) {
            ObjectNode node = perThread.addObject().put("thread", gaps.thread()).put("gaps_over_1ms", gaps.over1ms())
                    .put("gaps_over_5ms", gaps.over5ms()).put("gaps_over_10ms", gaps.over10ms())
                    .put("longest_ms", round(gaps.longestMs())).put("stalled_ms", round(gaps.stalledMs()));
            ArrayNode list = node.putArray("gaps_over_5ms_at_s_for_ms");
            gaps.longGaps().forEach(g -> list.addArray().add(round(g[0])).add(round(g[1])));
            over5 += gaps.over5ms();
            longest = Math.max(longest, gaps.longestMs());
            stalled += gaps.stalledMs();
        }
        json.put("gaps_over_5ms", over5).put("longest_ms", round(longest))
                .put("stalled_share", round(stalled / (threads * seconds * 1000)));
        try {
            return mapper.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
