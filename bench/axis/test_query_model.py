"""Tests of the per-query model's training: end to end on a small synthetic trace CSV, and its
oracle-gap figures on hand-made cases.

    /usr/bin/python3 -m unittest bench/axis/test_query_model.py      # from the repository root
"""

import contextlib
import csv
import io
import json
import math
import os
import sys
import tempfile
import unittest

import numpy as np
import onnx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_mlp  # noqa: E402
import train_query_model as train  # noqa: E402

FEATURES = ["f_log10_count", "f_log2_dimension", "f_metric_l2", "f_metric_cosine", "f_metric_dot", "f_norm_cv",
            "f_log2_intrinsic_dim", "f_log10_relative_contrast", "f_cluster_variance_ratio", "f_log2_k"]
PROBES = ["p_log_kth_over_nearest", "p_log_frontier_over_kth", "p_log_kth_over_entry", "p_log_computed"]
INPUTS = [*FEATURES, "c_log2_m", *PROBES]
WIDTHS = [10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512]
MS = (8, 16, 32)


def write_synthetic_traces(path, train_datasets=10, heldout_datasets=1, queries=60, seed=11):
    """Traces with the real CSV's columns in which the width a query needs grows with its
    p_log_kth_over_nearest (and a dataset's hardness, and shrinks with m), plus noise, snapped up to
    the traced widths; 1024 when even 512 is not enough."""
    rng = np.random.default_rng(seed)
    with open(path, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["dataset", "split", "query", *INPUTS, "log_width_needed"])
        for d in range(train_datasets + heldout_datasets):
            count, dimension = int(rng.choice([5000, 20000, 80000])), int(rng.choice([32, 64, 128]))
            hardness, l2 = rng.uniform(0, 1), d % 2
            dataset = f"syn-d{dimension}-n{count}-s{d}"
            split = "train" if d < train_datasets else "heldout"
            features = [np.log10(count), np.log2(dimension), l2, 1 - l2, 0, rng.uniform(0, 0.3),
                        np.log2(dimension) * rng.uniform(0.4, 0.8), 0.6 - 0.4 * hardness, rng.uniform(0.2, 0.9),
                        np.log2(10)]
            for m in MS:
                for q in range(queries):
                    kth_over_nearest = rng.gamma(2.0, 0.35)
                    probes = [kth_over_nearest, rng.uniform(0, 0.5), -rng.uniform(0.5, 2.5),
                              np.log(8 * m) + rng.normal(0, 0.05)]
                    raw = 2.4 + 1.8 * kth_over_nearest + 1.2 * hardness - 0.3 * np.log2(m / 8) + rng.normal(0, 0.35)
                    width = next((w for w in WIDTHS if w >= np.exp(raw)), 1024)
                    writer.writerow([dataset, split, q, *[f"{v:.6g}" for v in (*features, np.log2(m), *probes)],
                                     f"{np.log(width):.6g}"])


class TrainQueryModelTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.traces_path = os.path.join(cls.directory.name, "traces.csv")
        write_synthetic_traces(cls.traces_path)
        cls.out = os.path.join(cls.directory.name, "model", "axis-query.onnx")
        cls.card = os.path.join(cls.directory.name, "docs", "query-model.md")
        cls.args = train.parse_args(["--traces", cls.traces_path, "--out", cls.out, "--card", cls.card,
                                     "--seed", "42", "--hidden", "16,16", "--max-iter", "150",
                                     "--batch-size", "64", "--folds", "5", "--cv-rows", "1000"])
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            train.main(["--traces", cls.traces_path, "--out", cls.out, "--card", cls.card, "--seed", "42",
                        "--hidden", "16,16", "--max-iter", "150", "--batch-size", "64", "--folds", "5",
                        "--cv-rows", "1000"])
        cls.stdout, cls.stderr = stdout.getvalue(), stderr.getvalue()
        cls.figures = json.loads(cls.stdout.strip().splitlines()[-1])
        cls.traces = train.read_traces(cls.traces_path)

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def test_reads_train_rows_only_and_every_input_in_order(self):
        self.assertEqual(self.figures["rows"], 10 * len(MS) * 60)
        self.assertEqual(self.figures["datasets"], 10)
        self.assertEqual(self.figures["segments"], 10 * len(MS))
        self.assertEqual(self.figures["heldout_rows_ignored"], len(MS) * 60)
        self.assertEqual(self.traces.input_names, INPUTS)
        self.assertEqual(self.figures["inputs"], len(INPUTS))

    def test_stdout_is_one_json_line_and_progress_goes_to_stderr(self):
        self.assertEqual(len(self.stdout.strip().splitlines()), 1)
        self.assertIn("fold 5/5", self.stderr)
        self.assertIn("matches scikit-learn", self.stderr)

    def test_cross_validation_is_grouped_and_subsampled(self):
        self.assertEqual(self.figures["folds"], 5)
        self.assertEqual(self.figures["cv_train_rows"], 1000)  # 8 datasets of 180 rows, sampled down

    def test_onnx_file_checks_is_small_and_carries_its_metadata(self):
        model = onnx.load(self.out)
        onnx.checker.check_model(model, full_check=True)
        self.assertEqual(model.producer_name, "proximadb-axis-train")
        self.assertEqual(model.opset_import[0].version, onnx_mlp.OPSET)
        self.assertEqual(model.graph.input[0].name, "features")
        self.assertEqual(model.graph.output[0].name, "predictions")
        dims = model.graph.output[0].type.tensor_type.shape.dim
        self.assertEqual([d.dim_param or d.dim_value for d in dims], ["N", 1])
        meta = onnx_mlp.metadata(model)
        self.assertEqual(meta["axis.model"], "query")
        self.assertEqual(meta["axis.inputs"].split(","), INPUTS)
        self.assertEqual(meta["axis.outputs"], "log_width")
        self.assertEqual(meta["axis.version"], "1")
        self.assertIn("10 datasets", meta["axis.trained_on"])
        self.assertLess(os.path.getsize(self.out), 30 * 1024)
        self.assertEqual(self.figures["onnx_bytes"], os.path.getsize(self.out))

    def test_graph_agrees_with_scikit_learn_and_predicts_ln_width(self):
        # the final model, refitted: the run is deterministic for a CSV and a seed
        hyper = train.Hyper((16, 16), self.args.alpha, self.args.max_iter, self.args.seed, self.args.batch_size)
        model = train.fit(self.traces.inputs, self.traces.targets, hyper)
        graph = onnx_mlp.evaluate(onnx.load(self.out), self.traces.inputs)
        expected = model.predict(self.traces.inputs)
        self.assertEqual(graph.shape, (len(self.traces.inputs), 1))
        np.testing.assert_allclose(graph[:, 0], expected, rtol=1e-4, atol=1e-4)
        # in plain ln width, not standardised: around the targets' own range
        self.assertAlmostEqual(float(np.mean(graph)), float(np.mean(self.traces.targets)), delta=0.3)

    def test_cross_validation_figures_are_sane(self):
        f = self.figures
        self.assertLess(f["mae_log_width"], f["mae_log_width_constant"])  # the probe feature carries signal
        self.assertLess(f["mae_log_width"], 0.6)
        self.assertGreater(f["pearson"], 0.7)
        self.assertTrue(0.5 < f["within_factor_2"] <= 1)
        offsets = f["offsets"]
        self.assertEqual([r["offset"] for r in offsets], list(train.OFFSETS))
        for before, after in zip(offsets, offsets[1:]):  # a larger offset answers more, wider
            self.assertLessEqual(before["answered"], after["answered"])
            self.assertLess(before["mean_width"], after["mean_width"])
        for row in offsets:
            self.assertTrue(10 <= row["mean_width"] <= 512)
            self.assertIn(row["fixed_width"], WIDTHS)
            self.assertGreaterEqual(row["fixed_answered"], row["answered"])
            self.assertAlmostEqual(row["width_ratio"], row["mean_width"] / row["fixed_width"], delta=0.002)
        self.assertEqual(set(f["per_segment"]), {str(s) for s in train.SEGMENT_SHARES})
        for share, row in f["per_segment"].items():
            self.assertGreaterEqual(row["answered"], self.reachable_share(float(share)) - 1e-4)
            self.assertGreaterEqual(row["fixed_answered"], row["answered"] - 0.02)
            self.assertGreater(row["width_ratio"], 0)
        # the synthetic width depends on the probe: per query the model beats a fixed width per segment
        self.assertLess(f["per_segment"]["0.9"]["width_ratio"], 1.0)

    def reachable_share(self, share):
        """The share answered when each segment gets `share` of its queries, or what 512 reaches."""
        needed, segments = train.needed_widths(self.traces.targets), self.traces.segments()
        answered = 0
        for segment in np.unique(segments):
            rows = segments == segment
            answered += min(math.ceil(share * rows.sum() - 1e-9), int(np.sum(needed[rows] <= 512)))
        return answered / len(needed)

    def test_card_documents_the_model(self):
        with open(self.card) as file:
            card = file.read()
        self.assertTrue(card.startswith("# AXIS per-query model\n\nGenerated by `bench/axis/train_query_model.py`"))
        self.assertIn(train.command_line(self.args), card)
        self.assertIn("clamp(exp(prediction + offset), k, 512)", card)
        for dataset in np.unique(self.traces.datasets):
            self.assertIn(f"| `{dataset}` | 180 |", card)
        for name in INPUTS:
            self.assertIn(f"`{name}`", card)
        self.assertIn(f"{self.figures['mae_log_width']:.3f}", card)
        self.assertIn("| offset | answered | mean width | fixed width | fixed answered | width ratio |", card)
        self.assertIn("bench/axis/install-training.sh", card)
        self.assertIn("./proxima bench axis-sweep --per-query", card)


class OracleGapTest(unittest.TestCase):
    """The oracle-gap figures on hand-made predictions."""

    NEEDED = np.array([10, 16, 32, 64, 1024], dtype=float)

    def test_offsets_compare_with_the_fixed_width_answering_as_many(self):
        predictions = np.log(np.array([10, 20, 40, 200, 600.0]))  # the last clamps to 512, never enough
        table = {r["offset"]: r for r in train.offset_figures(np.log(self.NEEDED), predictions)}
        # at 0: widths 10, 20, 40, 200, 512 answer the first four; a fixed 64 does as well
        self.assertEqual(table[0.0]["answered"], 0.8)
        self.assertAlmostEqual(table[0.0]["mean_width"], (10 + 20 + 40 + 200 + 512) / 5, places=2)
        self.assertEqual(table[0.0]["fixed_width"], 64)
        self.assertEqual(table[0.0]["fixed_answered"], 0.8)
        # at -1: 3.7 -> 10 (clamped up to k), 7.4 -> 10, 14.7, 73.6, 220.7: the first and the fourth;
        # a fixed 16 answers two as well
        self.assertEqual(table[-1.0]["answered"], 0.4)
        self.assertEqual(table[-1.0]["fixed_width"], 16)

    def test_constant_width_is_a_quantile_of_the_needs(self):
        self.assertEqual(train.constant_width(self.NEEDED, 0), 10)
        self.assertEqual(train.constant_width(self.NEEDED, 3), 32)
        self.assertEqual(train.constant_width(np.array([48.0, 12.0]), 1), 12)

    def test_per_segment_offset_is_the_smallest_that_reaches_the_share(self):
        # one segment of ten queries; the model ranks them perfectly but predicts half the width
        needed = np.array([10, 12, 16, 20, 24, 32, 40, 48, 64, 96], dtype=float)
        predictions = np.log(needed / 2)
        figures = train.segment_figures(np.log(needed), predictions, np.array(["s"] * 10))
        row = figures["0.9"]
        # offset ln 2 answers nine of ten with widths 10 (clamped), 12, ..., 64, 96 -> all ten at
        # exactly their need: the 9th smallest required offset is ln 2 for every query
        self.assertEqual(row["answered"], 1.0)
        self.assertAlmostEqual(row["mean_width"], float(np.mean(needed)), places=1)
        self.assertEqual(row["fixed_mean_width"], 64)  # the 9th smallest need
        self.assertLess(row["width_ratio"], 1)
        self.assertEqual(row["segments_capped"], 0)

    def test_a_segment_that_512_cannot_serve_is_capped(self):
        needed = np.array([16, 1024, 1024, 32], dtype=float)
        figures = train.segment_figures(np.log(needed), np.log(needed), np.array(["s"] * 4))
        self.assertEqual(figures["0.9"]["segments_capped"], 1)
        self.assertEqual(figures["0.9"]["answered"], 0.5)
        self.assertEqual(figures["0.9"]["fixed_mean_width"], 32)

    def test_a_malformed_header_is_refused(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "t.csv")
            with open(path, "w") as file:
                file.write("dataset,split,config,f_a,c_log2_m,p_a,log_width_needed\n")
            with self.assertRaisesRegex(ValueError, "dataset,split,query"):
                train.read_traces(path)
            with open(path, "w") as file:
                file.write("dataset,split,query,f_a,c_log2_m,log_width_needed\na,train,0,1,3,2.3\n")
            with self.assertRaisesRegex(ValueError, "no probe columns"):
                train.read_traces(path)


if __name__ == "__main__":
    unittest.main()
