#!/usr/bin/python3
"""The FAISS peer of `proxima bench ann --peer faiss`.

Builds one FAISS index (L2) over the harness's base vectors, then runs a warm-up pass over the
queries for each search setting and --passes rounds (default 1) of one measured pass per setting,
one query at a time on one thread (faiss.omp_set_num_threads(1)), k nearest each, and reports
each setting's fastest pass. It reports raw figures only: the harness computes
recall, QPS and percentiles with its own code, as for our indexes.

Kinds: flat (IndexFlatL2, no build, one setting), hnsw (IndexHNSWFlat with M, efConstruction,
one setting per efSearch), ivf (IndexIVFFlat over an IndexFlatL2 coarse quantizer trained on the
base vectors, one setting per nprobe). The build uses --threads OpenMP threads.

Runs with Debian's /usr/bin/python3 and python3-faiss (bench/install-peers.sh faiss).
Usage:
  faiss_driver.py --kind hnsw --base B.fvecs --queries Q.fvecs --nq N --k 10 --threads 2 --out DIR
                  [--m 16 --ef-construction 200 --ef 16,32] [--nlist 256 --nprobe 1,2,4]
                  [--passes N] [--builds N] [--paced 1]
Output protocol (docs/bench/ann.md, "Peer driver protocol"): on standard output only
  built                                     (with --paced 1, after each build but the last; the
                                             next build waits for a line "build")
  build build_s=<fastest of the builds> memory_bytes=<bytes>
  ready and, after each round, passed       (with --paced 1: each round waits for a line "pass")
  search [<param>=<value>] wall_ns=<measured pass> file=<path>
where each file holds, per query, an int64 latency in ns then k int32 ids (-1 pads), little-endian.
memory_bytes is the size of faiss.serialize_index(index): vectors, graph or lists, as stored.
"""

import argparse
import sys
import time

import faiss
import numpy as np


def read_fvecs(path):
    """Per row an int32 dimension then that many float32, little-endian."""
    raw = np.fromfile(path, dtype="<i4")
    if raw.size == 0:
        raise ValueError(f"{path} is empty")
    dim = int(raw[0])
    if dim <= 0 or raw.size % (dim + 1) != 0:
        raise ValueError(f"{path} is not an .fvecs file of dimension {dim}")
    rows = raw.reshape(-1, dim + 1)
    if not (rows[:, 0] == dim).all():
        raise ValueError(f"{path}: rows differ in dimension")
    return np.ascontiguousarray(rows[:, 1:].view("<f4"))


def int_list(text):
    return [int(v) for v in text.split(",") if v]


def build(args, base):
    """The index of --kind over base, and the search settings to sweep as (params, apply) pairs."""
    d = base.shape[1]
    if args.kind == "flat":
        index = faiss.IndexFlatL2(d)
        index.add(base)
        return index, [({}, lambda: None)]
    if args.kind == "hnsw":
        index = faiss.IndexHNSWFlat(d, args.m)
        index.hnsw.efConstruction = args.ef_construction
        index.add(base)

        def set_ef(ef):
            index.hnsw.efSearch = ef

        return index, [({"ef": ef}, lambda ef=ef: set_ef(ef)) for ef in int_list(args.ef)]
    if args.kind == "ivf":
        coarse = faiss.IndexFlatL2(d)
        index = faiss.IndexIVFFlat(coarse, d, args.nlist)
        index.train(base)
        index.add(base)
        index.coarse = coarse  # the IVF index does not own its coarse quantizer: keep it alive

        def set_nprobe(nprobe):
            index.nprobe = nprobe

        return index, [({"nprobe": n}, lambda n=n: set_nprobe(n)) for n in int_list(args.nprobe)]
    raise ValueError(f"unknown kind '{args.kind}'; known: flat, hnsw, ivf")


def search_pass(index, queries, k, record):
    for q in range(queries.shape[0]):
        one = queries[q:q + 1]
        before = time.perf_counter_ns()
        _, ids = index.search(one, k)
        after = time.perf_counter_ns()
        if record is not None:
            record["latency"][q] = after - before
            record["ids"][q] = ids[0]


def await_word(word):
    """Paced: reads the harness's next line; True for `word`, False at the end of its input."""
    line = sys.stdin.readline()
    if not line:
        return False
    if line.strip() != word:
        raise ValueError(f"expected '{word}' on standard input, got '{line.strip()}'")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", required=True, choices=["flat", "hnsw", "ivf"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--nq", type=int, required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=200)
    parser.add_argument("--ef", default="16")
    parser.add_argument("--nlist", type=int, default=256)
    parser.add_argument("--nprobe", default="1")
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--builds", type=int, default=1,
                        help="timed builds, each a fresh index; the fastest is reported")
    parser.add_argument("--paced", type=int, default=0,
                        help="1: print 'ready', then run each round on a 'pass' line from standard input"
                             " and answer 'passed'")
    args = parser.parse_args()

    base = read_fvecs(args.base)
    queries = read_fvecs(args.queries)[: args.nq]
    if base.shape[1] != queries.shape[1]:
        raise ValueError("base and queries differ in dimension")

    faiss.omp_set_num_threads(max(1, args.threads))
    # Each build is a fresh index; the fastest is reported, as the fastest pass is. Paced, builds
    # after the first wait for the harness's word, so that ours and these take turns in time.
    builds = max(1, args.builds)
    build_s = None
    index = None
    for number in range(1, builds + 1):
        if number > 1 and args.paced and not await_word("build"):
            raise ValueError(f"standard input ended before build {number}")
        index = None  # the last build's memory goes back before the next one takes its own
        print(f"faiss: build {number} of {builds}: {args.kind} over {base.shape[0]} vectors of"
              f" {base.shape[1]} dimensions on {args.threads} threads", file=sys.stderr, flush=True)
        start = time.perf_counter()
        index, settings = build(args, base)
        seconds = time.perf_counter() - start
        print(f"faiss: build {number} of {builds} took {seconds:.3f} s", file=sys.stderr, flush=True)
        build_s = seconds if build_s is None else min(build_s, seconds)
        if args.paced and number < builds:
            print("built", flush=True)
    memory_bytes = faiss.serialize_index(index).size
    print(f"build build_s={build_s:.3f} memory_bytes={memory_bytes}", flush=True)

    faiss.omp_set_num_threads(1)
    names = ["".join(f"-{key}{value}" for key, value in params.items()) for params, _ in settings]
    for (params, apply), name in zip(settings, names):
        apply()
        print(f"faiss: {args.kind}{name} warm-up over {queries.shape[0]} queries", file=sys.stderr, flush=True)
        search_pass(index, queries, args.k, None)
    # Rounds, each one measured pass of every setting, so that a stall of the machine lasting a few
    # seconds costs one pass of several settings rather than every pass of one. Paced, each round
    # waits for the harness's word, so that its rounds and ours take turns in time.
    if args.paced:
        print("ready", flush=True)
    record = np.zeros(queries.shape[0], dtype=[("latency", "<i8"), ("ids", "<i4", (args.k,))])
    fastest = [None] * len(settings)
    for round_number in range(1, max(1, args.passes) + 1):
        if args.paced and not await_word("pass"):
            break
        for i, (params, apply) in enumerate(settings):
            apply()
            print(f"faiss: {args.kind}{names[i]} pass {round_number} of {args.passes}", file=sys.stderr, flush=True)
            start = time.perf_counter_ns()
            search_pass(index, queries, args.k, record)
            elapsed = time.perf_counter_ns() - start
            if fastest[i] is None or elapsed < fastest[i][0]:  # the fastest pass is reported, latencies and all
                fastest[i] = (elapsed, record.copy())
        if args.paced:
            print("passed", flush=True)
    for (params, _), name, (wall_ns, best) in zip(settings, names, fastest):
        path = f"{args.out}/faiss-{args.kind}{name}.bin"
        best.tofile(path)
        fields = "".join(f"{key}={value} " for key, value in params.items())
        print(f"search {fields}wall_ns={wall_ns} file={path}", flush=True)

if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line the harness can show, not a trace
        print(f"faiss_driver: {e}", file=sys.stderr)
        sys.exit(1)
