#!/usr/bin/python3
"""Trains the AXIS configuration model from the sweep CSV and writes it as ONNX, with its model card.

    /usr/bin/python3 bench/axis/train_config_model.py --sweep bench/results/axis-sweep.csv \\
        --out plugins-index/src/main/resources/io/proximadb/index/axis/axis-config.onnx \\
        --card docs/axis/config-model.md --seed 42

For one segment (its f_ features) and one candidate index configuration at one search effort (its
c_ and e_ columns), the model predicts recall, latency, build time and memory. Only rows of split
`train` are read; `heldout` rows belong to the separate evaluation benchmark. Progress goes to
standard error; the last line on standard output is one JSON object with the figures.
"""

import argparse
import csv
import json
import os
import time
from dataclasses import dataclass

import numpy as np
from scipy.special import logit
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

import onnx_mlp
import training_common
from training_common import Hyper, family, log  # noqa: F401 (family and Hyper: part of this module's API)

INPUT_PREFIXES = ("f_", "c_", "e_")
TARGETS = ("recall", "latency_us", "build_s", "memory_bytes")
OUTPUT_TRANSFORMS = ("sigmoid", "exp", "exp", "exp_minus_1024_clamped")
# logit(0) and logit(1) are infinite; a recall of 1.0 trains as 0.9995.
RECALL_CLIP = (0.0005, 0.9995)
RECALL_TARGETS = (0.90, 0.95, 0.98, 0.99)
# the recall margin, in logits: searched from 0 to MARGIN_MAX in steps of MARGIN_STEP
MARGIN_STEP = 0.05
MARGIN_MAX = 3.0
REQUIRED_MET = 0.95
# the input that is 1 for exact search (flat): it meets every target, whatever the model predicts
EXACT_INPUT = "c_flat"


@dataclass
class Sweep:
    """The train rows of a sweep CSV."""
    path: str
    input_names: list
    datasets: np.ndarray  # str per row
    configs: np.ndarray  # str per row
    inputs: np.ndarray  # float64 [rows, len(input_names)]
    targets: np.ndarray  # float64 [rows, 4], plain units, in TARGETS order
    heldout_rows: dict  # dataset -> row count of split heldout, never used here

    def column(self, prefix):
        """The input columns whose names start with `prefix`, [rows, n]."""
        return self.inputs[:, [i for i, n in enumerate(self.input_names) if n.startswith(prefix)]]

    def exact(self):
        """Whether each row is exact search (flat), [rows] of bool."""
        return self.inputs[:, self.input_names.index(EXACT_INPUT)] == 1


@dataclass
class ConfigModel:
    """A fitted network with the scalers of its inputs and of its (transformed) targets."""
    scaler: StandardScaler
    target_scaler: StandardScaler
    mlp: MLPRegressor

    def predict(self, inputs):
        """Predictions in plain units, [rows, 4], as the ONNX graph computes them."""
        standardized = self.mlp.predict(self.scaler.transform(inputs)).reshape(len(inputs), -1)
        raw = self.target_scaler.inverse_transform(standardized)
        return onnx_mlp.apply_output_transforms(raw, OUTPUT_TRANSFORMS)


def read_sweep(path):
    """Reads the CSV, keeping only split=train rows; fails on a malformed header or value."""
    with open(path, newline="") as file:
        reader = csv.reader(file)
        header = next(reader)
        if header[:3] != ["dataset", "split", "config"]:
            raise ValueError(f"{path}: the first columns must be dataset,split,config, not {header[:3]}")
        missing = [name for name in (EXACT_INPUT, *TARGETS) if name not in header]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        input_columns = [i for i, name in enumerate(header) if name.startswith(INPUT_PREFIXES)]
        target_columns = [header.index(t) for t in TARGETS]
        datasets, configs, inputs, targets, heldout = [], [], [], [], {}
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise ValueError(f"{path}:{line}: {len(row)} fields, the header has {len(header)}")
            dataset, split, config = row[:3]
            if split == "heldout":
                heldout[dataset] = heldout.get(dataset, 0) + 1
                continue
            if split != "train":
                raise ValueError(f"{path}:{line}: split '{split}' is neither train nor heldout")
            datasets.append(dataset)
            configs.append(config)
            inputs.append([float(row[i]) for i in input_columns])
            targets.append([float(row[i]) for i in target_columns])
    sweep = Sweep(path, [header[i] for i in input_columns], np.array(datasets), np.array(configs),
                  np.array(inputs, dtype=np.float64).reshape(len(datasets), len(input_columns)),
                  np.array(targets, dtype=np.float64).reshape(len(datasets), len(TARGETS)), heldout)
    _check_targets(sweep)
    return sweep


def _check_targets(sweep):
    recall, latency, build, memory = sweep.targets.T
    problems = {
        "recall outside 0..1": (recall < 0) | (recall > 1),
        "latency_us not > 0": ~(latency > 0),
        "build_s not > 0": ~(build > 0),
        "memory_bytes not >= 0": ~(memory >= 0),
        "a non-finite input": ~np.isfinite(sweep.inputs).all(axis=1),
    }
    for problem, rows in problems.items():
        if rows.any():
            raise ValueError(f"{sweep.path}: {rows.sum()} train rows with {problem}")
    if len(np.unique(sweep.datasets)) < 2:
        raise ValueError(f"{sweep.path}: cross-validation needs train rows of at least 2 datasets")


def to_model_space(targets):
    """The regression targets: logit(recall), ln(latency), ln(build), ln(memory + 1024)."""
    recall, latency, build, memory = targets.T
    return np.column_stack([
        logit(np.clip(recall, *RECALL_CLIP)),
        np.log(latency),
        np.log(build),
        np.log(memory + onnx_mlp.MEMORY_OFFSET),
    ])


def fit(inputs, targets, hyper):
    """Fits the network on standardised inputs and standardised model-space targets; the targets
    are standardised too so that the four squared errors weigh alike."""
    return ConfigModel(*training_common.fit_mlp(inputs, to_model_space(targets), hyper))


def cross_validate(sweep, hyper, folds):
    """Out-of-fold predictions for every train row, each from a model that never saw its dataset."""
    predictions = np.zeros_like(sweep.targets)
    splits = training_common.grouped_folds(sweep.datasets, folds)
    for fold, (train, validation) in enumerate(splits, start=1):
        model = fit(sweep.inputs[train], sweep.targets[train], hyper)
        predictions[validation] = model.predict(sweep.inputs[validation])
        mae = np.mean(np.abs(predictions[validation, 0] - sweep.targets[validation, 0]))
        log(f"fold {fold}/{len(splits)}: {len(np.unique(sweep.datasets[validation]))} "
            f"validation datasets, {len(validation)} rows, {model.mlp.n_iter_} epochs, recall MAE {mae:.4f}")
    return predictions, len(splits)


def error_figures(targets, predictions):
    """Mean absolute recall error and median relative errors of the other three targets."""
    def median_relative(column, rows):
        return float(np.median(np.abs(predictions[rows, column] - targets[rows, column]) / targets[rows, column]))
    every_row = np.ones(len(targets), dtype=bool)
    return {
        "recall_mae": float(np.mean(np.abs(predictions[:, 0] - targets[:, 0]))),
        "latency_median_rel_error": median_relative(1, every_row),
        "build_median_rel_error": median_relative(2, every_row),
        # relative error is undefined where an index holds no memory of its own (flat)
        "memory_median_rel_error": median_relative(3, targets[:, 3] > 0),
    }


def chooser_situations(sweep):
    """The choices AXIS faces: one per dataset and feature vector (a sweep may vary k within a
    dataset), each a list of candidates, one per config, as row indices in increasing effort.
    Each must hold an exact row (flat), the choice that always qualifies."""
    features = sweep.column("f_")
    efforts = sweep.column("e_")
    exact = sweep.exact()
    situations = {}
    for row in range(len(sweep.datasets)):
        key = (sweep.datasets[row], tuple(features[row]))
        situations.setdefault(key, {}).setdefault(sweep.configs[row], []).append(row)
    for (dataset, _), candidates in situations.items():
        if not any(exact[rows].any() for rows in candidates.values()):
            raise ValueError(f"{sweep.path}: dataset {dataset} has no exact row ({EXACT_INPUT} = 1) for one of "
                             "its feature vectors; the chooser falls back to it")
    return [
        [np.array(sorted(rows, key=lambda r: (tuple(efforts[r]), r)))
         for _, rows in sorted(candidates.items())]
        for _, candidates in sorted(situations.items())
    ]


def simulate_chooser(situations, exact, predicted_recall, predicted_latency, measured_recall, target, margin):
    """Simulates AXIS choosing for `target`: per config the smallest effort that qualifies, then the
    config of lowest predicted latency among those. An exact row (flat) always qualifies; any other
    when logit(predicted recall) - `margin` >= logit(target). Returns (cases, met, flat): the
    situations where something was chosen (every one holding a flat row), those whose choice meets
    the target (flat always does, its recall being 1; another if its measured recall reaches the
    target), and those where flat was chosen."""
    qualifies = exact | (logit(predicted_recall) - margin >= logit(target))
    cases = met = flat = 0
    for candidates in situations:
        chosen = None
        for rows in candidates:
            reaching = np.flatnonzero(qualifies[rows])
            if reaching.size == 0:
                continue
            row = rows[reaching[0]]
            if chosen is None or predicted_latency[row] < predicted_latency[chosen]:
                chosen = row
        if chosen is not None:
            cases += 1
            flat += bool(exact[chosen])
            met += bool(exact[chosen] or measured_recall[chosen] >= target)
    return cases, met, flat


def totals(per_target):
    """(cases, met, flat) summed over the targets."""
    return tuple(int(sum(column)) for column in zip(*per_target.values()))


def calibrate_margin(situations, exact, predictions, targets):
    """The smallest margin (in logits) on the grid at which at least REQUIRED_MET of the simulated
    cases, over all RECALL_TARGETS, meet their target; the largest margin if none does. Returns
    (margin, {target: (cases, met, flat)}, whether REQUIRED_MET was reached)."""
    def outcome(margin):
        return {t: simulate_chooser(situations, exact, predictions[:, 0], predictions[:, 1], targets[:, 0], t, margin)
                for t in RECALL_TARGETS}

    steps = int(round(MARGIN_MAX / MARGIN_STEP))
    for margin in (round(i * MARGIN_STEP, 4) for i in range(steps + 1)):
        per_target = outcome(margin)
        cases, met, _ = totals(per_target)
        if cases and met / cases >= REQUIRED_MET:
            return margin, per_target, True
    log(f"warning: no margin up to {MARGIN_MAX} meets {REQUIRED_MET:.0%} of the targets; using {MARGIN_MAX}")
    return MARGIN_MAX, outcome(MARGIN_MAX), False


def trained_on(sweep):
    return training_common.trained_on(sweep.datasets)


def command_line(args):
    """The command that reproduces this run, for the model card."""
    return (f"/usr/bin/python3 bench/axis/train_config_model.py --sweep {args.sweep} --out {args.out} "
            f"--card {args.card} --seed {args.seed} --hidden {args.hidden} --alpha {args.alpha} "
            f"--max-iter {args.max_iter} --folds {args.folds}")


def write_card(path, args, sweep, hyper, model, folds, errors, margin, per_target, reached, size):
    cases, met, flat = totals(per_target)
    rows = dict(zip(*np.unique(sweep.datasets, return_counts=True)))
    lines = [
        *training_common.card_header("AXIS configuration model", "bench/axis/train_config_model.py",
                                     command_line(args)),
        "## What it predicts",
        "",
        f"`{os.path.basename(args.out)}` ({size} bytes) is one ONNX graph (opset {onnx_mlp.OPSET}) that, for one",
        "segment and one candidate index configuration at one search effort, predicts four figures:",
        "",
        "| output | meaning | trained as |",
        "| --- | --- | --- |",
        "| `recall` | mean recall@k over the queries, 0..1 | logit of recall clipped to "
        f"[{RECALL_CLIP[0]}, {RECALL_CLIP[1]}] |",
        "| `latency_us` | mean single-thread microseconds per query | ln |",
        "| `build_s` | seconds to build the index | ln |",
        "| `memory_bytes` | index bytes beyond the vectors | ln(bytes + 1024) |",
        "",
        f"Input `{onnx_mlp.INPUT_NAME}` is float32 [N, {len(sweep.input_names)}]; output "
        f"`{onnx_mlp.OUTPUT_NAME}` is float32 [N, 4],",
        "in the units and order above. The graph standardises the inputs and undoes the target",
        "transforms itself. Its metadata (`axis.inputs`, `axis.outputs`, `axis.recall_margin_logit`,",
        "`axis.trained_on`, `axis.version`) repeats what follows.",
        "",
        "## Inputs",
        "",
        "In this order: segment features (`f_`), the candidate configuration (`c_`) and its search",
        "effort (`e_`, log2 of ef or nprobe, 0 for flat).",
        "",
        *[f"{i}. `{name}`" for i, name in enumerate(sweep.input_names, start=1)],
        "",
        "## Training data",
        "",
        f"From `{args.sweep}`: {len(sweep.datasets)} rows of split `train`, over {len(rows)} datasets",
        f"and {len(np.unique(sweep.configs))} configurations. Rows of split `heldout` are never read for",
        "training or calibration.",
        "",
        "| dataset | split | rows |",
        "| --- | --- | ---: |",
        *[f"| `{d}` | train | {n} |" for d, n in rows.items()],
        *[f"| `{d}` | heldout (not used) | {n} |" for d, n in sorted(sweep.heldout_rows.items())],
        "",
        "## Model",
        "",
        *training_common.network_lines(hyper, model.mlp.n_iter_),
        "",
        "## Cross-validation",
        "",
        f"Grouped {folds}-fold cross-validation by dataset: each train dataset is predicted by a model",
        "trained on the other folds' datasets only.",
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| recall, mean absolute error | {errors['recall_mae']:.4f} |",
        f"| latency, median relative error | {errors['latency_median_rel_error']:.3f} |",
        f"| build time, median relative error | {errors['build_median_rel_error']:.3f} |",
        f"| memory, median relative error (rows with memory > 0) | {errors['memory_median_rel_error']:.3f} |",
        "",
        "## Recall margin",
        "",
        f"`axis.recall_margin_logit` = **{margin}**, in logits (logit(r) = ln(r / (1 - r))). AXIS counts an",
        "inexact configuration as meeting a recall target t only when logit(predicted recall) - margin",
        f">= logit(t). Exact search (`{EXACT_INPUT}` = 1) meets every target whatever the model predicts, so",
        "it is always a choice: the fallback when nothing else qualifies.",
        "",
        "The margin was calibrated on the cross-validation predictions by simulating the chooser. A case",
        "is a dataset (and each set of segment features within it, where the sweep varies k) with a",
        f"target in {', '.join(str(t) for t in RECALL_TARGETS)}. Per configuration, take the smallest effort that",
        "qualifies, then the configuration of lowest predicted latency among those; the case is met if",
        "the choice is flat (recall 1) or its measured recall reaches the target. The margin is the",
        f"smallest multiple of {MARGIN_STEP} up to {MARGIN_MAX} at which at least {REQUIRED_MET:.0%} of the cases are met.",
        "Flat meets every target, so a large margin meets them all by sending cases to flat; the",
        "`flat` column counts the cases that fell back to it.",
        "",
        *([] if reached else [
            f"No margin up to {MARGIN_MAX} met {REQUIRED_MET:.0%} of the cases; the margin is the largest tried.", ""]),
        "| target | cases | met | flat |",
        "| --- | ---: | ---: | ---: |",
        *[f"| {t} | {c} | {m} | {f} |" for t, (c, m, f) in per_target.items()],
        f"| all | {cases} | {met} ({met / cases if cases else 0:.1%}) | {flat} ({flat / cases if cases else 0:.1%}) |",
        "",
        "## Retraining",
        "",
        "```sh",
        "bench/axis/install-training.sh   # python3-sklearn, python3-onnx, python3-numpy from Debian",
        "./proxima bench axis-sweep        # writes bench/results/axis-sweep.csv",
        command_line(args),
        "```",
        "",
    ]
    training_common.write_lines(path, lines)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sweep", default="bench/results/axis-sweep.csv")
    parser.add_argument("--out", default="plugins-index/src/main/resources/io/proximadb/index/axis/axis-config.onnx")
    parser.add_argument("--card", default="docs/axis/config-model.md")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--hidden", default="64,64", help="hidden layer sizes, comma-separated")
    parser.add_argument("--alpha", type=float, default=1e-4, help="L2 penalty")
    parser.add_argument("--max-iter", type=int, default=300, help="most epochs per fit")
    parser.add_argument("--folds", type=int, default=5, help="grouped cross-validation folds")
    return parser.parse_args(argv)


def run(args):
    """Trains, calibrates, exports, verifies and documents; returns (figures, final model)."""
    started = time.monotonic()
    hyper = Hyper(training_common.parse_hidden(args.hidden), args.alpha, args.max_iter, args.seed)
    sweep = read_sweep(args.sweep)
    log(f"read {len(sweep.datasets)} train rows of {len(np.unique(sweep.datasets))} datasets, "
        f"{len(sweep.input_names)} inputs ({sum(sweep.heldout_rows.values())} heldout rows left aside)")

    predictions, folds = cross_validate(sweep, hyper, args.folds)
    errors = error_figures(sweep.targets, predictions)
    margin, per_target, reached = calibrate_margin(chooser_situations(sweep), sweep.exact(), predictions, sweep.targets)
    cases, met, flat = totals(per_target)
    log(f"margin {margin} logits: {met} of {cases} simulated cases meet their target, {flat} by falling back to flat")

    model = fit(sweep.inputs, sweep.targets, hyper)
    log(f"final model: {model.mlp.n_iter_} epochs")
    onnx_mlp.export_mlp(model.mlp, model.scaler, sweep.input_names, OUTPUT_TRANSFORMS, {
        "axis.model": "config",
        "axis.inputs": ",".join(sweep.input_names),
        "axis.outputs": ",".join(TARGETS),
        "axis.recall_margin_logit": str(margin),
        "axis.trained_on": trained_on(sweep),
        "axis.version": "1",
    }, args.out, target_scaler=model.target_scaler)
    onnx_mlp.verify_export(args.out, sweep.inputs, model.predict(sweep.inputs), OUTPUT_TRANSFORMS)
    size = os.path.getsize(args.out)
    log(f"wrote {args.out} ({size} bytes); its graph matches scikit-learn on all train rows")

    write_card(args.card, args, sweep, hyper, model, folds, errors, margin, per_target, reached, size)
    log(f"wrote {args.card}")
    figures = {
        "rows": len(sweep.datasets),
        "datasets": len(np.unique(sweep.datasets)),
        "heldout_rows_ignored": sum(sweep.heldout_rows.values()),
        "inputs": len(sweep.input_names),
        "folds": folds,
        **{name: round(value, 5) for name, value in errors.items()},
        "recall_margin_logit": margin,
        "margin_reached": reached,
        "cases": cases,
        "met": met,
        "flat": flat,
        "met_fraction": round(met / cases, 4) if cases else None,
        "per_target": {str(t): {"cases": c, "met": m, "flat": f} for t, (c, m, f) in per_target.items()},
        "onnx_bytes": size,
        "seconds": round(time.monotonic() - started, 1),
    }
    return figures, model


def main(argv=None):
    figures, _ = run(parse_args(argv))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
