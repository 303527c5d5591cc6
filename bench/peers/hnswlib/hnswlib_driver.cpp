// The hnswlib peer of `proxima bench ann --peer hnswlib`: builds hnswlib's HierarchicalNSW (L2) over
// the harness's base vectors with the same M, ef_construction and build threads as our hnsw, then runs
// a warm-up pass over the queries for each ef and --passes rounds (default 1) of one measured pass per
// ef, one query at a time on one thread, and reports each ef's fastest pass.
// It reports raw figures only: the harness computes recall, QPS and percentiles with its own code.
//
// Built by the harness: g++ -O3 -march=native -std=c++17 -pthread (header-only libhnswlib-dev).
// Usage:
//   hnswlib_driver --base B.fvecs --queries Q.fvecs --nq N --k 10 --m 16 --ef-construction 200
//                  --threads 2 --ef 16,32 --out DIR [--passes N] [--builds N] [--paced 1]
// Output protocol (docs/bench/ann.md, "Peer driver protocol"): on standard output only
//   built                                     (with --paced 1, after each build but the last; the
//                                              next build waits for a line "build")
//   build build_s=<fastest of the builds> memory_bytes=<bytes>
//   ready and, after each round, passed       (with --paced 1: each round waits for a line "pass")
//   search ef=<ef> wall_ns=<fastest measured pass> file=<DIR/hnswlib-ef<ef>.bin>
// where each .bin holds, per query, an int64 latency in ns then k int32 ids (-1 pads), little-endian.
// Progress and errors go to standard error.

#include <hnswlib/hnswlib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Matrix {
    size_t rows = 0;
    size_t dim = 0;
    std::vector<float> values;
    const float* row(size_t i) const { return values.data() + i * dim; }
};

// .fvecs: per row an int32 dimension then that many float32, little-endian (x86 is).
Matrix readFvecs(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    Matrix m;
    int32_t dim;
    while (in.read(reinterpret_cast<char*>(&dim), sizeof dim)) {
        if (dim <= 0 || (m.dim != 0 && static_cast<size_t>(dim) != m.dim))
            throw std::runtime_error(path + ": row " + std::to_string(m.rows) + " has dimension " + std::to_string(dim));
        m.dim = dim;
        size_t at = m.values.size();
        m.values.resize(at + dim);
        if (!in.read(reinterpret_cast<char*>(m.values.data() + at), dim * sizeof(float)))
            throw std::runtime_error(path + " is truncated in row " + std::to_string(m.rows));
        m.rows++;
    }
    return m;
}

std::vector<size_t> parseList(const std::string& text) {
    std::vector<size_t> values;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) values.push_back(std::stoul(item));
    return values;
}

// Like the python bindings' ParallelFor: threads take the next row from a shared counter.
template <class F>
void parallelFor(size_t start, size_t end, size_t threads, F fn) {
    std::atomic<size_t> next(start);
    std::vector<std::thread> workers;
    for (size_t t = 0; t < threads; t++) {
        workers.emplace_back([&] {
            for (size_t i = next++; i < end; i = next++) fn(i);
        });
    }
    for (auto& w : workers) w.join();
}

// The allocations hnswlib makes for the index: the level-0 block (vector, level-0 links and label of
// every element), the upper-level link lists, and the per-element link-list pointer and level. Leaves
// out the per-element mutexes, the label hash map and the visited-list pool.
size_t memoryBytes(const hnswlib::HierarchicalNSW<float>& index) {
    size_t bytes = index.max_elements_ * index.size_data_per_element_;
    for (size_t i = 0; i < index.cur_element_count; i++) {
        bytes += static_cast<size_t>(index.element_levels_[i]) * index.size_links_per_element_;
    }
    return bytes + index.max_elements_ * (sizeof(char*) + sizeof(int));
}

void runPass(const hnswlib::HierarchicalNSW<float>& index, const Matrix& queries, size_t nq, size_t k,
             std::vector<int64_t>* latencies, std::vector<int32_t>* ids) {
    for (size_t q = 0; q < nq; q++) {
        auto before = Clock::now();
        auto found = index.searchKnn(queries.row(q), k);
        auto after = Clock::now();
        if (latencies == nullptr) continue;
        (*latencies)[q] = std::chrono::duration_cast<std::chrono::nanoseconds>(after - before).count();
        // The queue pops the farthest first: fill from the back so the nearest lands first.
        size_t n = found.size();
        for (size_t j = 0; j < k; j++) (*ids)[q * k + j] = -1;
        for (size_t j = n; j > 0; j--) {
            (*ids)[q * k + j - 1] = static_cast<int32_t>(found.top().second);
            found.pop();
        }
    }
}

// Paced: reads the harness's next line; true for `word`, false at the end of its input.
bool await(const std::string& word) {
    std::string line;
    if (!std::getline(std::cin, line)) return false;
    if (line != word) throw std::runtime_error("expected '" + word + "' on standard input, got '" + line + "'");
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        std::map<std::string, std::string> args;
        for (int i = 1; i + 1 < argc; i += 2) {
            if (std::strncmp(argv[i], "--", 2) != 0) throw std::runtime_error(std::string("unexpected ") + argv[i]);
            args[argv[i] + 2] = argv[i + 1];
        }
        for (const char* key : {"base", "queries", "nq", "k", "m", "ef-construction", "threads", "ef", "out"}) {
            if (!args.count(key)) throw std::runtime_error(std::string("missing --") + key);
        }
        Matrix base = readFvecs(args["base"]);
        Matrix queries = readFvecs(args["queries"]);
        size_t nq = std::min<size_t>(std::stoul(args["nq"]), queries.rows);
        size_t k = std::stoul(args["k"]);
        size_t m = std::stoul(args["m"]);
        size_t efConstruction = std::stoul(args["ef-construction"]);
        size_t threads = std::max<size_t>(1, std::stoul(args["threads"]));
        size_t passes = args.count("passes") ? std::max<size_t>(1, std::stoul(args["passes"])) : 1;
        size_t builds = args.count("builds") ? std::max<size_t>(1, std::stoul(args["builds"])) : 1;
        bool paced = args.count("paced") && args["paced"] != "0";
        if (queries.dim != base.dim) throw std::runtime_error("base and queries differ in dimension");

        hnswlib::L2Space space(base.dim);
        // Each build is a fresh index, timed from its first point (not its allocation); the fastest is
        // reported, as the fastest pass is. Paced, builds after the first wait for the harness's
        // word, so that ours and these take turns in time.
        std::unique_ptr<hnswlib::HierarchicalNSW<float>> built;
        double buildSeconds = 0;
        for (size_t b = 1; b <= builds; b++) {
            if (b > 1 && paced && !await("build"))
                throw std::runtime_error("standard input ended before build " + std::to_string(b));
            built.reset();  // the last build's memory goes back before the next one takes its own
            built = std::make_unique<hnswlib::HierarchicalNSW<float>>(&space, base.rows, m, efConstruction);
            std::fprintf(stderr, "hnswlib: build %zu of %zu over %zu vectors of %zu dimensions on %zu threads\n", b,
                         builds, base.rows, base.dim, threads);
            auto start = Clock::now();
            // The first point alone, as the python bindings do, so the others find an entry point.
            built->addPoint(base.row(0), 0);
            parallelFor(1, base.rows, threads, [&](size_t i) { built->addPoint(base.row(i), i); });
            double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            std::fprintf(stderr, "hnswlib: build %zu of %zu took %.3f s\n", b, builds, seconds);
            buildSeconds = b == 1 ? seconds : std::min(buildSeconds, seconds);
            if (paced && b < builds) {
                std::printf("built\n");
                std::fflush(stdout);
            }
        }
        hnswlib::HierarchicalNSW<float>& index = *built;
        std::printf("build build_s=%.3f memory_bytes=%zu\n", buildSeconds, memoryBytes(index));
        std::fflush(stdout);

        std::vector<size_t> efs = parseList(args["ef"]);
        for (size_t ef : efs) {
            index.setEf(ef);
            std::fprintf(stderr, "hnswlib: ef=%zu warm-up over %zu queries\n", ef, nq);
            runPass(index, queries, nq, k, nullptr, nullptr);
        }
        // Rounds, each one measured pass of every ef, so that a stall of the machine lasting a few
        // seconds costs one pass of several efs rather than every pass of one. Paced, each round
        // waits for the harness's word, so that its rounds and ours take turns in time.
        if (paced) {
            std::printf("ready\n");
            std::fflush(stdout);
        }
        std::vector<int64_t> walls(efs.size(), INT64_MAX);
        std::vector<std::vector<int64_t>> latencies(efs.size(), std::vector<int64_t>(nq));
        std::vector<std::vector<int32_t>> ids(efs.size(), std::vector<int32_t>(nq * k));
        std::vector<int64_t> passLatencies(nq);
        std::vector<int32_t> passIds(nq * k);
        for (size_t p = 0; p < passes; p++) {
            if (paced && !await("pass")) break;
            for (size_t e = 0; e < efs.size(); e++) {
                index.setEf(efs[e]);
                std::fprintf(stderr, "hnswlib: ef=%zu pass %zu of %zu\n", efs[e], p + 1, passes);
                auto passStart = Clock::now();
                runPass(index, queries, nq, k, &passLatencies, &passIds);
                auto passWall = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - passStart).count();
                if (passWall < walls[e]) {  // the fastest pass is reported, latencies and all
                    walls[e] = passWall;
                    latencies[e].swap(passLatencies);
                    ids[e].swap(passIds);
                }
            }
            if (paced) {
                std::printf("passed\n");
                std::fflush(stdout);
            }
        }
        for (size_t e = 0; e < efs.size(); e++) {
            std::string file = args["out"] + "/hnswlib-ef" + std::to_string(efs[e]) + ".bin";
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            for (size_t q = 0; q < nq; q++) {
                out.write(reinterpret_cast<const char*>(&latencies[e][q]), sizeof(int64_t));
                out.write(reinterpret_cast<const char*>(&ids[e][q * k]), k * sizeof(int32_t));
            }
            if (!out.flush()) throw std::runtime_error("cannot write " + file);
            std::printf("search ef=%zu wall_ns=%lld file=%s\n", efs[e], static_cast<long long>(walls[e]), file.c_str());
            std::fflush(stdout);
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hnswlib_driver: %s\n", e.what());
        return 1;
    }
}
