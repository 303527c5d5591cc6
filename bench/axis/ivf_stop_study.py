#!/usr/bin/python3
"""How much a per-query stop could gain on an IVF index: a study, not part of any model.

An IVF search probes the lists nearest the query, one after another; a fixed nprobe probes as
many for every query. A per-query stop ends the probing when the query looks done. This
simulates both on fashion-mnist, or on a synthetic set (--synthetic), with numpy alone (Debian's
python3-numpy) and prints, for mean recall@10 0.90, 0.95, 0.98 and 0.99, how many fewer vectors a
stop rule scans than a fixed nprobe at the same mean recall (the cost of ranking the centroids, the
same for both, is left out).

* The index: k-means with --nlist lists (Lloyd, --iterations rounds from --seed's random
  vectors) over the base vectors, each vector in its nearest list. Lists are scanned exactly, so
  a query's recall after p probes is the share of its 10 true neighbours in its first p lists.
* Fixed: one nprobe for every query, 1 to --max-probes.
* Distance ratio: probe every list whose centroid is within (1 + eps) of the nearest centroid
  (squared distances), at least --min-probes.
* Next over k-th: stop when the next list's centroid is farther than tau times the 10th nearest
  vector found so far (squared distances).
* Learned: after each probe, a logistic regression on quadratic terms of seven features of the
  search so far (next centroid over k-th found, next centroid over nearest centroid, k-th found
  over nearest centroid, probes made, vectors scanned, whether the last probe changed the k-th,
  next centroid over the last one) predicts whether a true neighbour is still to come; the search
  stops at the first probe where that probability is below a threshold. Trained on the
  even-numbered queries, measured on the odd ones: far more favourable than data it never saw.
* Bound: each query probes the number of lists that is best for it, its recall curve known in
  advance (recall minus lambda times vectors scanned, maximised per query, lambda swept): what
  any per-query effort over the same probe order could gain at most.

--synthetic D,I,C,SPREAD,N studies a synthetic set of the shape bench axis draws (D dimensions, a
random I-dimensional subspace, C Gaussian clusters of relative SPREAD, N vectors, with
--synthetic-queries queries and exact ground truth) in place of the files.

Usage (after `./proxima bench ann` has installed the data set):
  /usr/bin/python3 bench/axis/ivf_stop_study.py --base bench/results/data/fashion-mnist/base.fvecs \\
      --queries bench/results/data/fashion-mnist/queries.fvecs --gt ../shared/datasets/fashion-mnist/gt.ivecs
  /usr/bin/python3 bench/axis/ivf_stop_study.py --synthetic 96,6,64,0.25,12000
Figures and what they mean: docs/bench/axis.md, "An IVF per-query stop, simulated".
"""

import argparse
import sys

import numpy as np

K = 10
LEVELS = (0.90, 0.95, 0.98, 0.99)
TOP = 3000  # nearest base vectors kept per query to find the k-th after each probe
EPS = 1e-6


def read_vecs(path, dtype):
    raw = np.fromfile(path, dtype=np.int32)
    dim = raw[0]
    return raw.reshape(-1, dim + 1)[:, 1:].view(dtype)


def squared_distances(a, b, b_norms):
    return np.maximum((a * a).sum(1)[:, None] - 2 * a @ b.T + b_norms[None, :], 0)


def kmeans(base, nlist, iterations, seed):
    rng = np.random.default_rng(seed)
    centroids = base[rng.choice(len(base), nlist, replace=False)].copy()
    for _ in range(iterations):
        assign = squared_distances(base, centroids, (centroids * centroids).sum(1)).argmin(1)
        for c in range(nlist):
            members = assign == c
            if members.any():
                centroids[c] = base[members].mean(0)
    assign = squared_distances(base, centroids, (centroids * centroids).sum(1)).argmin(1)
    return centroids, assign


def cost_at(curve, level):
    """Vectors scanned at mean recall `level`, log-interpolated between the bracketing points."""
    curve = sorted(curve)
    for (r0, c0), (r1, c1) in zip(curve, curve[1:]):
        if r0 <= level <= r1 and r1 > r0:
            t = (level - r0) / (r1 - r0)
            return float(np.exp(np.log(c0) + t * (np.log(c1) - np.log(c0))))
    return float("nan")


def gains(fixed, curve):
    """Fixed nprobe's cost over the rule's at each level; '-' where the rule never gets that low."""
    ratios = (cost_at(fixed, level) / cost_at(curve, level) for level in LEVELS)
    return " ".join(f"{level:.2f}: " + ("-" if np.isnan(r) else f"{r:.2f}x") for level, r in zip(LEVELS, ratios))


def stop_curve(recall, cost, stop):
    rows = np.arange(len(stop))
    return recall[rows, stop - 1].mean(), cost[rows, stop - 1].mean()


def features(p, nearest_sq, kth, cost):
    """The search after p probes, deciding whether to probe list p (0-based) next."""
    found = kth[:, p - 1]
    before = kth[:, p - 2] if p > 1 else np.full(len(found), np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):  # an infinite k-th is handled below
        columns = [np.log((nearest_sq[:, p] + EPS) / (found + EPS)),
                   np.log((nearest_sq[:, p] + EPS) / (nearest_sq[:, 0] + EPS)),
                   np.log((found + EPS) / (nearest_sq[:, 0] + EPS)),
                   np.full(len(found), np.log(p)),
                   np.log(cost[:, p - 1]),
                   (found < before).astype(float),
                   np.log((nearest_sq[:, p] + EPS) / (nearest_sq[:, p - 1] + EPS))]
    # Fewer than k found yet: the k-th is infinitely far, its ratios as large or small as can be.
    return np.nan_to_num(np.stack(columns, 1), posinf=10.0, neginf=-10.0)


def quadratic(x):
    n = x.shape[1]
    return np.concatenate([x] + [x[:, a:a + 1] * x[:, b:b + 1] for a in range(n) for b in range(a, n)]
                          + [np.ones((len(x), 1))], 1)


def fit_logistic(z, y, rounds=20, ridge=1e-4):
    """Newton's method on the logistic loss, a small ridge for the quadratic terms' collinearity."""
    w = np.zeros(z.shape[1])
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) / len(y)
        hessian = (z * (p * (1 - p))[:, None]).T @ z / len(y) + ridge * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def synthetic(shape, nq, seed):
    """Gaussian clusters in a random subspace plus a little noise, the shape of bench axis's sets
    (SyntheticSpec: dimension, intrinsic dimension, clusters, spread, size), drawn by numpy: the
    same kind of data, not the same vectors."""
    dimension, intrinsic, clusters, spread, count = shape
    rng = np.random.default_rng(seed)
    basis = rng.standard_normal((intrinsic, dimension)) / np.sqrt(intrinsic)
    centres = rng.standard_normal((clusters, intrinsic)) if clusters > 1 else np.zeros((1, intrinsic))

    def draw(n):
        latent = centres[rng.integers(0, clusters, n)] + spread * rng.standard_normal((n, intrinsic))
        noise = spread * 0.05 / np.sqrt(intrinsic) * rng.standard_normal((n, dimension))
        return (latent @ basis + noise).astype(np.float32)
    return draw(int(count)), draw(nq)


def exact_neighbours(base, queries):
    norms = (base * base).sum(1)
    return np.concatenate([np.argsort(squared_distances(queries[s:s + 500], base, norms), 1)[:, :K]
                           for s in range(0, len(queries), 500)])


def parse_shape(parser, text):
    """D,I,C,SPREAD,N as SyntheticSpec checks them, or a parser error that names the problem."""
    fields = text.split(",")
    if len(fields) != 5:
        parser.error(f"--synthetic {text}: want D,I,C,SPREAD,N, five fields, not {len(fields)}")
    try:
        dimension, intrinsic, clusters, count = (int(fields[i]) for i in (0, 1, 2, 4))
        spread = float(fields[3])
    except ValueError:
        parser.error(f"--synthetic {text}: D, I, C and N are integers, SPREAD a number")
    if not (1 <= intrinsic <= dimension and clusters >= 1 and spread > 0 and count > K):
        parser.error(f"--synthetic {text}: want 1 <= I <= D, C >= 1, SPREAD > 0 and N > {K}")
    return [dimension, intrinsic, clusters, spread, count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base")
    parser.add_argument("--queries")
    parser.add_argument("--gt")
    parser.add_argument("--synthetic", metavar="D,I,C,SPREAD,N",
                        help="study a synthetic set of this shape instead of --base/--queries/--gt")
    parser.add_argument("--synthetic-queries", type=int, default=2000)
    parser.add_argument("--nlist", type=int, help="lists (default: 256, or 2 sqrt(N) with --synthetic)")
    parser.add_argument("--iterations", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-probes", type=int, default=48)
    args = parser.parse_args()

    if args.synthetic and (args.base or args.queries or args.gt):
        parser.error("--synthetic replaces --base, --queries and --gt; give one or the other")
    if args.synthetic:
        base, queries = synthetic(parse_shape(parser, args.synthetic), args.synthetic_queries, args.seed)
        truth = exact_neighbours(base, queries)
        args.nlist = args.nlist or int(2 * np.sqrt(len(base)))
    elif args.base and args.queries and args.gt:
        base = read_vecs(args.base, np.float32)
        queries = read_vecs(args.queries, np.float32)
        truth = read_vecs(args.gt, np.int32)[:, :K]
        args.nlist = args.nlist or 256
    else:
        parser.error("give --base, --queries and --gt, or --synthetic")
    study(base, queries, truth, args)


def study(base, queries, truth, args):
    nq, probes = len(queries), args.max_probes
    print(f"k-means, {args.nlist} lists over {len(base)} vectors", file=sys.stderr, flush=True)
    centroids, assign = kmeans(base, args.nlist, args.iterations, args.seed)
    sizes = np.bincount(assign, minlength=args.nlist)

    to_centroids = squared_distances(queries, centroids, (centroids * centroids).sum(1))
    order = np.argsort(to_centroids, 1)
    rank = np.empty_like(order)
    rank[np.arange(nq)[:, None], order] = np.arange(args.nlist)[None, :]
    nearest_sq = np.take_along_axis(to_centroids, order, 1)
    truth_rank = rank[np.arange(nq)[:, None], assign[truth]]  # the probe that finds each true neighbour
    recall = np.stack([(truth_rank < p).mean(1) for p in range(1, probes + 1)], 1)
    cost = np.cumsum(sizes[order], 1)[:, :probes].astype(float)

    # The 10th nearest vector found after each probe, from each query's TOP nearest base vectors.
    print("the k-th found after each probe", file=sys.stderr, flush=True)
    kth = np.full((nq, probes), np.inf, dtype=np.float32)
    base_norms = (base * base).sum(1)
    for start in range(0, nq, 500):
        chunk = queries[start:start + 500]
        rows = np.arange(start, start + len(chunk))
        d = squared_distances(chunk, base, base_norms)
        top = np.argpartition(d, min(TOP, len(base) - 1), 1)[:, :TOP]
        top_d = np.take_along_axis(d, top, 1)
        by_distance = np.argsort(top_d, 1)
        top = np.take_along_axis(top, by_distance, 1)
        top_d = np.take_along_axis(top_d, by_distance, 1)
        top_rank = rank[rows[:, None], assign[top]]
        for p in range(1, probes + 1):
            found = np.cumsum(top_rank < p, 1) >= K
            first = found.argmax(1)
            kth[rows, p - 1] = np.where(found.any(1), top_d[np.arange(len(chunk)), first], np.inf)

    fixed = [(recall[:, p].mean(), cost[:, p].mean()) for p in range(probes)]
    print("vectors scanned by a fixed nprobe over those of a stop rule, at the same mean recall@10")
    for min_probes in (1, 2, 3, 4):
        curve = []
        for eps in np.linspace(0, 1.5, 61):
            stop = np.clip((nearest_sq <= (1 + eps) * nearest_sq[:, :1]).sum(1), min_probes, probes)
            curve.append(stop_curve(recall, cost, stop))
        print(f"  distance ratio, at least {min_probes} probes: {gains(fixed, curve)}")
    for min_probes in (1, 2, 3):
        curve = []
        for tau in np.exp(np.linspace(np.log(0.05), np.log(3), 80)):
            stop = np.full(nq, probes)
            for p in range(probes - 1, min_probes - 1, -1):
                stop = np.where(nearest_sq[:, p] > tau * kth[:, p - 1], p, stop)
            curve.append(stop_curve(recall, cost, stop))
        print(f"  next over k-th, at least {min_probes} probes: {gains(fixed, curve)}")

    x = np.stack([features(p, nearest_sq, kth, cost) for p in range(1, probes)], 1)
    more_to_come = np.stack([(truth_rank >= p).any(1) for p in range(1, probes)], 1).astype(float)
    train = np.arange(nq) % 2 == 0
    flat = x[train].reshape(-1, x.shape[2])
    mean, scale = flat.mean(0), flat.std(0) + 1e-9
    w = fit_logistic(quadratic((flat - mean) / scale), more_to_come[train].reshape(-1))
    test = ~train
    held = x[test]
    probability = (1 / (1 + np.exp(-quadratic((held.reshape(-1, x.shape[2]) - mean) / scale) @ w))) \
        .reshape(held.shape[0], -1)
    fixed_test = [(recall[test][:, p].mean(), cost[test][:, p].mean()) for p in range(probes)]
    for min_probes in (1, 2, 3):
        curve = []
        for threshold in np.exp(np.linspace(np.log(1e-3), np.log(0.9), 80)):
            stop = np.full(test.sum(), probes)
            for p in range(probes - 1, min_probes - 1, -1):
                stop = np.where(probability[:, p - 1] < threshold, p, stop)
            curve.append(stop_curve(recall[test], cost[test], stop))
        print(f"  learned, at least {min_probes} probes (odd queries): {gains(fixed_test, curve)}")
    # The bound of any per-query effort over the same probe order: each query probes as many lists
    # as maximise recall - lambda * cost for its own (known) recall curve, lambda swept.
    bound = []
    for lam in np.exp(np.linspace(np.log(1e-7), np.log(1e-1), 150)):
        chosen = (recall[test] - lam * cost[test]).argmax(1)
        bound.append(stop_curve(recall[test], cost[test], chosen + 1))
    print(f"  bound: each query's best number of probes, known in advance (odd queries): {gains(fixed_test, bound)}")
    # The best any stop could do: each query stops right after the probe that finds its last true
    # neighbour (within --max-probes), which is recall 1.0 for nearly every query.
    last = np.minimum(truth_rank.max(1) + 1, probes)
    oracle_recall, oracle_cost = stop_curve(recall, cost, last)
    print(f"oracle stop after the last true neighbour: recall {oracle_recall:.4f} scanning {oracle_cost:.0f} vectors")
    print("fixed nprobe, vectors scanned: " + " ".join(
        f"{level:.2f}: {cost_at(fixed, level):.0f}" for level in LEVELS) + f" (of {len(base)}; centroids: {args.nlist})")


if __name__ == "__main__":
    main()
