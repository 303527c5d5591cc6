#!/usr/bin/python3
"""Trains AXIS's per-query early-termination model from the trace CSV and writes it as ONNX, with its model card.

    /usr/bin/python3 bench/axis/train_query_model.py --traces bench/results/axis-traces.csv \\
        --out plugins-index/src/main/resources/io/proximadb/index/axis/axis-query.onnx \\
        --card docs/axis/query-model.md --seed 42

AXIS walks an hnsw graph per query in two phases: after a few distance computations (the probe)
the model looks at how the walk is going (its p_ columns), beside the segment's features (f_) and
the graph's m (c_log2_m), and predicts ln of the narrowest beam width with which the walk finds all
k true neighbours; the index finishes with width = clamp(exp(prediction + offset), k, 512), the
offset calibrated per segment. Only rows of split `train` are read. Progress goes to standard
error; the last line on standard output is one JSON object with the figures.
"""

import argparse
import csv
import json
import math
import os
import time
from dataclasses import dataclass

import numpy as np
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

import onnx_mlp
import training_common
from training_common import Hyper, log

INPUT_PREFIXES = ("f_", "c_", "p_")
TARGET = "log_width_needed"
OUTPUT_TRANSFORMS = ("identity",)
# the neighbours a trace asks for: the narrowest width the index uses
K = 10
# the widest the index finishes with (AdaptiveWidth.MAX_WIDTH); a trace records twice that when no
# traced width finds all k
MAX_WIDTH = 512
# the offsets, in ln width, of the global oracle-gap table
OFFSETS = (-1.0, -0.5, 0.0, 0.5, 1.0)
# shares of fully answered queries that the per-segment calibration is asked for
SEGMENT_SHARES = (0.90, 0.95, 0.99)
# with the dataset, names a segment: one hnsw graph, whose offset the index calibrates
SEGMENT_INPUT = "c_log2_m"
# the model runs once per query; a larger file means a network too big for that
MAX_ONNX_BYTES = 30 * 1024


@dataclass
class Traces:
    """The train rows of a trace CSV: one per query and hnsw graph."""
    path: str
    input_names: list
    datasets: np.ndarray  # str per row
    queries: np.ndarray  # int per row
    inputs: np.ndarray  # float64 [rows, len(input_names)]
    targets: np.ndarray  # float64 [rows], ln of the width needed
    heldout_rows: dict  # dataset -> row count of split heldout, never used here

    def segments(self):
        """Each row's segment (dataset and m), as one str per row."""
        m = np.exp2(self.inputs[:, self.input_names.index(SEGMENT_INPUT)])
        return np.array([f"{d} m={v:.0f}" for d, v in zip(self.datasets, m)])


@dataclass
class QueryModel:
    """A fitted network with the scalers of its inputs and of its target."""
    scaler: StandardScaler
    target_scaler: StandardScaler
    mlp: MLPRegressor

    def predict(self, inputs):
        """Predicted ln width, [rows], as the ONNX graph computes it."""
        standardized = self.mlp.predict(self.scaler.transform(inputs)).reshape(len(inputs), 1)
        return self.target_scaler.inverse_transform(standardized)[:, 0]


def read_traces(path):
    """Reads the CSV, keeping only split=train rows; fails on a malformed header or value."""
    with open(path, newline="") as file:
        reader = csv.reader(file)
        header = next(reader)
        if header[:3] != ["dataset", "split", "query"]:
            raise ValueError(f"{path}: the first columns must be dataset,split,query, not {header[:3]}")
        missing = [name for name in (SEGMENT_INPUT, TARGET) if name not in header]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        input_columns = [i for i, name in enumerate(header) if name.startswith(INPUT_PREFIXES)]
        if not any(header[i].startswith("p_") for i in input_columns):
            raise ValueError(f"{path}: no probe columns (p_...)")
        target_column = header.index(TARGET)
        datasets, queries, inputs, targets, heldout = [], [], [], [], {}
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise ValueError(f"{path}:{line}: {len(row)} fields, the header has {len(header)}")
            dataset, split, query = row[:3]
            if split == "heldout":
                heldout[dataset] = heldout.get(dataset, 0) + 1
                continue
            if split != "train":
                raise ValueError(f"{path}:{line}: split '{split}' is neither train nor heldout")
            datasets.append(dataset)
            queries.append(int(query))
            inputs.append([float(row[i]) for i in input_columns])
            targets.append(float(row[target_column]))
    traces = Traces(path, [header[i] for i in input_columns], np.array(datasets), np.array(queries, dtype=np.int64),
                    np.array(inputs, dtype=np.float64).reshape(len(datasets), len(input_columns)),
                    np.array(targets, dtype=np.float64), heldout)
    _check(traces)
    return traces


def _check(traces):
    problems = {
        f"{TARGET} not finite and > 0": ~(np.isfinite(traces.targets) & (traces.targets > 0)),
        "a non-finite input": ~np.isfinite(traces.inputs).all(axis=1),
    }
    for problem, rows in problems.items():
        if rows.any():
            raise ValueError(f"{traces.path}: {rows.sum()} train rows with {problem}")
    if len(np.unique(traces.datasets)) < 2:
        raise ValueError(f"{traces.path}: cross-validation needs train rows of at least 2 datasets")


def needed_widths(targets):
    """The widths the traces record, from their logarithms (written to 6 digits)."""
    return np.rint(np.exp(targets))


def fit(inputs, targets, hyper):
    return QueryModel(*training_common.fit_mlp(inputs, targets.reshape(-1, 1), hyper))


def cross_validate(traces, hyper, folds, cv_rows):
    """Out-of-fold predictions for every train row, each from a model that never saw its dataset,
    trained on at most `cv_rows` rows of the other folds (a seeded sample); and, as a reference,
    out-of-fold predictions of a constant, the median of the training folds' targets."""
    predictions = np.zeros_like(traces.targets)
    constant = np.zeros_like(traces.targets)
    splits = training_common.grouped_folds(traces.datasets, folds)
    rng = np.random.default_rng(hyper.seed)
    largest = 0
    for fold, (train, validation) in enumerate(splits, start=1):
        if cv_rows and len(train) > cv_rows:
            train = np.sort(rng.choice(train, size=cv_rows, replace=False))
        largest = max(largest, len(train))
        model = fit(traces.inputs[train], traces.targets[train], hyper)
        predictions[validation] = model.predict(traces.inputs[validation])
        constant[validation] = np.median(traces.targets[train])
        mae = np.mean(np.abs(predictions[validation] - traces.targets[validation]))
        log(f"fold {fold}/{len(splits)}: trained on {len(train)} rows ({model.mlp.n_iter_} epochs), "
            f"{len(np.unique(traces.datasets[validation]))} validation datasets, {len(validation)} rows, "
            f"ln width MAE {mae:.4f}")
    return predictions, constant, len(splits), largest


def error_figures(targets, predictions, constant):
    """MAE of ln width (the model's and the constant's), Pearson correlation of predicted and true
    ln width, and the share of queries predicted within a factor 2 of the width they need."""
    error = predictions - targets
    spread = np.std(predictions) * np.std(targets)
    return {
        "mae_log_width": float(np.mean(np.abs(error))),
        "mae_log_width_constant": float(np.mean(np.abs(constant - targets))),
        "pearson": float(np.corrcoef(predictions, targets)[0, 1]) if spread > 0 else None,
        "within_factor_2": float(np.mean(np.abs(error) <= math.log(2))),
    }


def runtime_width(predictions, offset):
    """The width the index finishes with: clamp(exp(prediction + offset), k, 512)."""
    return np.clip(np.exp(predictions + offset), K, MAX_WIDTH)


def constant_width(needed, answered):
    """The narrowest fixed width that fully answers at least `answered` of the queries that need
    `needed`: their answered-th smallest need, and at least k."""
    if answered <= 0:
        return float(K)
    return float(max(K, np.sort(needed)[answered - 1]))


def offset_figures(targets, predictions):
    """The global oracle-gap table: per offset, the share of queries whose runtime width reaches the
    width they need and the mean runtime width, beside the fixed width that answers as many."""
    needed = needed_widths(targets)
    table = []
    for offset in OFFSETS:
        width = runtime_width(predictions, offset)
        answered = int(np.sum(width >= needed))
        fixed = constant_width(needed, answered)
        table.append({
            "offset": offset,
            "answered": round(answered / len(needed), 4),
            "mean_width": round(float(np.mean(width)), 2),
            "fixed_width": fixed,
            "fixed_answered": round(float(np.mean(needed <= fixed)), 4),
            "width_ratio": round(float(np.mean(width)) / fixed, 3),
        })
    return table


def segment_figures(targets, predictions, segments):
    """The gap as the index would see it: in each segment, the smallest offset (exactly, on that
    segment's own queries) at which at least the share s of them is fully answered, against the
    narrowest fixed width for that segment that does as well; widths pooled over all queries. A
    segment whose queries cannot reach s within 512 is asked for what 512 reaches."""
    needed = needed_widths(targets)
    # the offset from which each query is answered: -inf if k suffices, inf if 512 does not
    required = np.where(needed <= K, -np.inf,
                        np.where(needed > MAX_WIDTH, np.inf, np.log(needed) - predictions))
    figures = {}
    for share in SEGMENT_SHARES:
        model_width, fixed_width = np.zeros_like(targets), np.zeros_like(targets)
        capped = 0
        for segment in np.unique(segments):
            rows = np.flatnonzero(segments == segment)
            reachable = int(np.sum(needed[rows] <= MAX_WIDTH))
            wanted = math.ceil(share * len(rows) - 1e-9)
            if wanted > reachable:
                capped += 1
                wanted = reachable
            offset = np.sort(required[rows])[wanted - 1] + 1e-9 if wanted > 0 else -np.inf
            model_width[rows] = runtime_width(predictions[rows], offset)
            fixed_width[rows] = constant_width(needed[rows], wanted)
        figures[str(share)] = {
            "answered": round(float(np.mean(model_width >= needed)), 4),
            "mean_width": round(float(np.mean(model_width)), 2),
            "fixed_answered": round(float(np.mean(fixed_width >= needed)), 4),
            "fixed_mean_width": round(float(np.mean(fixed_width)), 2),
            "width_ratio": round(float(np.mean(model_width) / np.mean(fixed_width)), 3),
            "segments_capped": capped,
        }
    return figures


def command_line(args):
    """The command that reproduces this run, for the model card."""
    return (f"/usr/bin/python3 bench/axis/train_query_model.py --traces {args.traces} --out {args.out} "
            f"--card {args.card} --seed {args.seed} --hidden {args.hidden} --alpha {args.alpha} "
            f"--max-iter {args.max_iter} --batch-size {args.batch_size} --folds {args.folds} --cv-rows {args.cv_rows}")


def _share(x):
    return f"{x:.1%}"


def write_card(path, args, traces, hyper, model, cv, size):
    errors, offsets, per_segment = cv["errors"], cv["offsets"], cv["per_segment"]
    needed = needed_widths(traces.targets)
    datasets = np.unique(traces.datasets)
    segments = np.unique(traces.segments())
    widths, counts = np.unique(needed, return_counts=True)
    ms = sorted({int(round(v)) for v in np.exp2(traces.inputs[:, traces.input_names.index(SEGMENT_INPUT)])})
    at_zero = next(row for row in offsets if row["offset"] == 0.0)
    lines = [
        *training_common.card_header("AXIS per-query model", "bench/axis/train_query_model.py", command_line(args)),
        "## What it predicts",
        "",
        f"`{os.path.basename(args.out)}` ({size} bytes) is one ONNX graph (opset {onnx_mlp.OPSET}) that, for one query",
        "of an hnsw search, predicts ln of the narrowest beam width (ef) with which the walk finds all",
        f"{K} true nearest neighbours. AXIS walks the graph in two phases: the walk starts, and after a",
        "few distance computations (the probe) the model looks at how it is going and chooses the",
        "width to finish with:",
        "",
        f"    width = clamp(exp(prediction + offset), k, {MAX_WIDTH})",
        "",
        "The offset (in ln width) is calibrated per segment when the index is built, to meet the",
        "segment's target recall; the model itself only ranks queries by how hard they look.",
        "",
        f"Input `{onnx_mlp.INPUT_NAME}` is float32 [N, {len(traces.input_names)}]; output `{onnx_mlp.OUTPUT_NAME}` "
        "is float32 [N, 1], the",
        "predicted ln width. The graph standardises the inputs and undoes the target's standardisation",
        "itself. Its metadata (`axis.model` = `query`, `axis.inputs`, `axis.outputs` = `log_width`,",
        "`axis.trained_on`, `axis.version`) repeats what follows.",
        "",
        "## Inputs",
        "",
        "In this order: segment features (`f_`), the graph's m (`c_log2_m`) and the walk at its probe",
        "(`p_`: ratios of distances, as logarithms, and the log of the distances computed so far).",
        "",
        *[f"{i}. `{name}`" for i, name in enumerate(traces.input_names, start=1)],
        "",
        "## Training data",
        "",
        f"From `{args.traces}`: {len(traces.targets)} rows of split `train` (one per query and graph),",
        f"over {len(datasets)} datasets and {len(segments)} graphs (m = {', '.join(str(m) for m in ms)}). "
        "The target is",
        f"`{TARGET}`, ln of the narrowest traced width that finds all {K}; {2 * MAX_WIDTH} where none up to",
        f"{MAX_WIDTH} does.",
        *([f"Rows of split `heldout` ({sum(traces.heldout_rows.values())}) are never read for training."]
          if traces.heldout_rows else []),
        "",
        "| dataset | rows | median width needed | needing more than 512 |",
        "| --- | ---: | ---: | ---: |",
        *[f"| `{d}` | {int(np.sum(traces.datasets == d))} | {np.median(needed[traces.datasets == d]):g} | "
          f"{_share(np.mean(needed[traces.datasets == d] > MAX_WIDTH))} |" for d in datasets],
        "",
        "How wide the queries need:",
        "",
        "| width needed | queries | share |",
        "| ---: | ---: | ---: |",
        *[f"| {w:g} | {c} | {_share(c / len(needed))} |" for w, c in zip(widths, counts)],
        "",
        "## Model",
        "",
        *training_common.network_lines(hyper, model.mlp.n_iter_, targets="a standardised target"),
        "",
        "## Cross-validation",
        "",
        f"Grouped {cv['folds']}-fold cross-validation by dataset: each train dataset is predicted by a model",
        "trained on the other folds' datasets only"
        + (f" (on a seeded sample of at most {cv['train_rows']} of their rows)." if args.cv_rows and
           cv["train_rows"] >= args.cv_rows else "."),
        "A query's width needed is known only on the traced grid (and as 1024 beyond 512), so these",
        "figures are on that grid. Mean width stands for the work of a search; it leaves out the",
        "distances the model's walk computes before its probe, which a fixed-width search does not spend",
        "the same way.",
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| ln width, mean absolute error | {errors['mae_log_width']:.3f} |",
        f"| ln width, mean absolute error of a constant (the training folds' median) | "
        f"{errors['mae_log_width_constant']:.3f} |",
        "| Pearson correlation, predicted and true ln width | "
        + ("undefined" if errors["pearson"] is None else f"{errors['pearson']:.3f}") + " |",
        f"| queries predicted within a factor 2 of the width they need | {_share(errors['within_factor_2'])} |",
        "",
        "### Against a fixed width, one offset for all",
        "",
        "For each offset s, every validation query finishes with clamp(exp(prediction + s), 10, 512).",
        "`answered` is the share whose width reaches the width they need (those find all 10); `fixed",
        "width` is the narrowest single width, for every query alike, that answers at least as many",
        "(a quantile of the widths needed). A width ratio below 1 means the model reaches the same",
        "share with narrower searches on average; above 1, a fixed ef does better.",
        "",
        "| offset | answered | mean width | fixed width | fixed answered | width ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        *[f"| {r['offset']:+.1f} | {_share(r['answered'])} | {r['mean_width']:.1f} | {r['fixed_width']:g} | "
          f"{_share(r['fixed_answered'])} | {r['width_ratio']:.3f} |" for r in offsets],
        "",
        f"At offset 0 the model answers {_share(at_zero['answered'])} of the queries with a mean width of "
        f"{at_zero['mean_width']:.1f};",
        f"a fixed width of {at_zero['fixed_width']:g} answers {_share(at_zero['fixed_answered'])}: the model "
        + ("needs less width" if at_zero["width_ratio"] < 1 else "does not need less width")
        + f" (ratio {at_zero['width_ratio']:.3f}).",
        "",
        "### Against a fixed width per segment",
        "",
        "What the index does: in each segment (dataset and m), the offset is the smallest at which at",
        "least the share s of that segment's validation queries is answered, against the narrowest",
        "fixed width for that segment that answers as many. Both are fitted on the same queries, so",
        "equally optimistic; widths are averaged over all queries. A segment whose queries cannot reach",
        "s within 512 is asked for what 512 reaches (`capped`). The share of fully answered queries is",
        "a lower bound of recall@10.",
        "",
        "| s | answered | mean width | fixed answered | fixed mean width | width ratio | capped |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *[f"| {s} | {_share(r['answered'])} | {r['mean_width']:.1f} | {_share(r['fixed_answered'])} | "
          f"{r['fixed_mean_width']:.1f} | {r['width_ratio']:.3f} | {r['segments_capped']} |"
          for s, r in per_segment.items()],
        "",
        "## Retraining",
        "",
        "```sh",
        "bench/axis/install-training.sh         # python3-sklearn, python3-onnx, python3-numpy from Debian",
        "./proxima bench axis-sweep --per-query  # writes bench/results/axis-traces.csv",
        command_line(args),
        "```",
        "",
    ]
    training_common.write_lines(path, lines)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--traces", default="bench/results/axis-traces.csv")
    parser.add_argument("--out", default="plugins-index/src/main/resources/io/proximadb/index/axis/axis-query.onnx")
    parser.add_argument("--card", default="docs/axis/query-model.md")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--hidden", default="32,32", help="hidden layer sizes, comma-separated")
    parser.add_argument("--alpha", type=float, default=1e-4, help="L2 penalty")
    parser.add_argument("--max-iter", type=int, default=200, help="most epochs per fit")
    parser.add_argument("--batch-size", type=int, default=512, help="rows per Adam step")
    parser.add_argument("--folds", type=int, default=5, help="grouped cross-validation folds")
    parser.add_argument("--cv-rows", type=int, default=40000,
                        help="most training rows per cross-validation fit, a seeded sample (0: all)")
    return parser.parse_args(argv)


def run(args):
    """Cross-validates, trains, exports, verifies and documents; returns (figures, final model)."""
    started = time.monotonic()
    hyper = Hyper(training_common.parse_hidden(args.hidden), args.alpha, args.max_iter, args.seed, args.batch_size)
    traces = read_traces(args.traces)
    segments = traces.segments()
    log(f"read {len(traces.targets)} train rows of {len(np.unique(traces.datasets))} datasets "
        f"({len(np.unique(segments))} graphs), {len(traces.input_names)} inputs"
        + (f" ({sum(traces.heldout_rows.values())} heldout rows left aside)" if traces.heldout_rows else ""))

    predictions, constant, folds, train_rows = cross_validate(traces, hyper, args.folds, args.cv_rows)
    cv = {
        "folds": folds,
        "train_rows": train_rows,
        "errors": error_figures(traces.targets, predictions, constant),
        "offsets": offset_figures(traces.targets, predictions),
        "per_segment": segment_figures(traces.targets, predictions, segments),
    }
    errors = cv["errors"]
    log(f"cross-validation: ln width MAE {errors['mae_log_width']:.4f} (constant {errors['mae_log_width_constant']:.4f}), "
        f"Pearson {errors['pearson'] if errors['pearson'] is None else round(errors['pearson'], 4)}, within a factor 2 {errors['within_factor_2']:.3f}")
    for share, row in cv["per_segment"].items():
        log(f"per segment, {share} answered: mean width {row['mean_width']} against {row['fixed_mean_width']} fixed "
            f"(ratio {row['width_ratio']})")

    model = fit(traces.inputs, traces.targets, hyper)
    log(f"final model: {len(traces.targets)} rows, {model.mlp.n_iter_} epochs")
    onnx_mlp.export_mlp(model.mlp, model.scaler, traces.input_names, OUTPUT_TRANSFORMS, {
        "axis.model": "query",
        "axis.inputs": ",".join(traces.input_names),
        "axis.outputs": "log_width",
        "axis.trained_on": training_common.trained_on(traces.datasets),
        "axis.version": "1",
    }, args.out, target_scaler=model.target_scaler)
    onnx_mlp.verify_export(args.out, traces.inputs, model.predict(traces.inputs), OUTPUT_TRANSFORMS)
    size = os.path.getsize(args.out)
    log(f"wrote {args.out} ({size} bytes); its graph matches scikit-learn on all train rows")
    if size > MAX_ONNX_BYTES:
        log(f"warning: {args.out} is over {MAX_ONNX_BYTES} bytes; the model runs once per query, keep it smaller")

    write_card(args.card, args, traces, hyper, model, cv, size)
    log(f"wrote {args.card}")
    figures = {
        "rows": len(traces.targets),
        "datasets": len(np.unique(traces.datasets)),
        "segments": len(np.unique(segments)),
        "heldout_rows_ignored": sum(traces.heldout_rows.values()),
        "inputs": len(traces.input_names),
        "folds": folds,
        "cv_train_rows": train_rows,
        **{name: (None if value is None else round(value, 5)) for name, value in errors.items()},
        "offsets": cv["offsets"],
        "per_segment": cv["per_segment"],
        "final_epochs": model.mlp.n_iter_,
        "onnx_bytes": size,
        "seconds": round(time.monotonic() - started, 1),
    }
    return figures, model


def main(argv=None):
    figures, _ = run(parse_args(argv))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
