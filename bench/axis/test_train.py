"""Tests of the AXIS training pipeline: end to end on a small synthetic sweep, and the ONNX export
with other output counts.

    /usr/bin/python3 -m unittest bench/axis/test_train.py      # from the repository root
"""

import contextlib
import csv
import io
import os
import sys
import tempfile
import unittest
import warnings

import numpy as np
import onnx
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_mlp  # noqa: E402
import train_config_model as train  # noqa: E402

# name -> (c_ columns, how much effort it needs for the same recall, latency per unit of effort,
# memory bytes per vector)
CONFIGS = {
    "hnsw m=16 quantizer=none": ({"c_flat": 0, "c_family_hnsw": 1, "c_family_ivf": 0, "c_log2_m": 4, "c_quantizer_sq8": 0}, 0.0, 1.0, 128),
    "hnsw m=32 quantizer=sq8": ({"c_flat": 0, "c_family_hnsw": 1, "c_family_ivf": 0, "c_log2_m": 5, "c_quantizer_sq8": 1}, -0.5, 1.3, 300),
    "ivf nlist=256 quantizer=none": ({"c_flat": 0, "c_family_hnsw": 0, "c_family_ivf": 1, "c_log2_m": 0, "c_quantizer_sq8": 0}, 1.0, 0.8, 8),
}
# exact search: one row per dataset, at effort 0, recall 1, no memory of its own
FLAT = ("flat", {"c_flat": 1, "c_family_hnsw": 0, "c_family_ivf": 0, "c_log2_m": 0, "c_quantizer_sq8": 0})
EFFORTS = range(4, 10)
ROWS_PER_DATASET = len(CONFIGS) * len(EFFORTS) + 1
FEATURES = ["f_log10_count", "f_log2_dimension", "f_metric_l2", "f_metric_cosine",
            "f_log10_relative_contrast", "f_log2_k"]


def write_synthetic_sweep(path, train_datasets=12, heldout_datasets=2, seed=7):
    """A sweep with the real CSV's column conventions in which recall rises with effort, falls
    with a dataset's hardness, and latency, build time and memory grow with size; flat is exact
    and its latency grows with count times dimension."""
    rng = np.random.default_rng(seed)
    header = ["dataset", "split", "config", *FEATURES, *next(iter(CONFIGS.values()))[0],
              "e_log2_effort", *train.TARGETS]
    with open(path, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for d in range(train_datasets + heldout_datasets):
            count, dimension = int(rng.choice([5000, 20000, 80000])), int(rng.choice([32, 64, 128]))
            hardness, l2 = rng.uniform(0, 1), d % 2
            dataset = f"syn-d{dimension}-n{count}-s{d}"
            split = "train" if d < train_datasets else "heldout"
            features = [np.log10(count), np.log2(dimension), l2, 1 - l2, 0.6 - 0.4 * hardness, np.log2(10)]
            writer.writerow([dataset, split, FLAT[0], *features, *FLAT[1].values(), 0,
                             1.0, count * dimension / 1000 * rng.uniform(0.9, 1.1), 0.001, 0])
            for config, (candidate, shift, cost, memory) in CONFIGS.items():
                build = 1e-6 * count * dimension * cost * rng.uniform(0.9, 1.1)
                for effort in EFFORTS:
                    recall = 1 / (1 + np.exp(-1.5 * (effort - 5 - 2.5 * hardness - shift)))
                    recall = float(np.clip(recall + rng.normal(0, 0.01), 0, 1))
                    latency = 2 ** effort * cost * dimension / 16 * rng.uniform(0.9, 1.1)
                    writer.writerow([dataset, split, config, *features, *candidate.values(), effort,
                                     recall, latency, build, memory * count])


class TrainConfigModelTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        sweep = os.path.join(cls.directory.name, "sweep.csv")
        write_synthetic_sweep(sweep)
        cls.out = os.path.join(cls.directory.name, "model", "axis-config.onnx")
        cls.card = os.path.join(cls.directory.name, "card.md")
        cls.args = train.parse_args(["--sweep", sweep, "--out", cls.out, "--card", cls.card,
                                     "--seed", "42", "--hidden", "16,16", "--max-iter", "200", "--folds", "4"])
        with contextlib.redirect_stderr(io.StringIO()):  # the progress lines
            cls.figures, cls.model = train.run(cls.args)
        cls.sweep = train.read_sweep(sweep)

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def test_trains_on_train_rows_only(self):
        self.assertEqual(self.figures["rows"], 12 * ROWS_PER_DATASET)
        self.assertEqual(self.figures["datasets"], 12)
        self.assertEqual(self.figures["heldout_rows_ignored"], 2 * ROWS_PER_DATASET)

    def test_margin_is_on_the_grid_and_every_case_has_a_choice(self):
        margin = self.figures["recall_margin_logit"]
        self.assertTrue(0.0 <= margin <= train.MARGIN_MAX)
        self.assertAlmostEqual(margin / train.MARGIN_STEP, round(margin / train.MARGIN_STEP))
        self.assertTrue(self.figures["margin_reached"])
        self.assertGreaterEqual(self.figures["met_fraction"], train.REQUIRED_MET)
        self.assertEqual(set(self.figures["per_target"]), {str(t) for t in train.RECALL_TARGETS})
        for outcome in self.figures["per_target"].values():
            self.assertEqual(outcome["cases"], 12)  # one per train dataset: flat always qualifies
            self.assertLessEqual(outcome["flat"], outcome["met"])
        self.assertEqual(self.figures["cases"], 12 * len(train.RECALL_TARGETS))

    def test_onnx_file_checks_and_carries_its_metadata(self):
        model = onnx.load(self.out)
        onnx.checker.check_model(model, full_check=True)
        self.assertEqual(model.producer_name, "proximadb-axis-train")
        self.assertEqual(model.ir_version, 8)
        self.assertEqual(model.opset_import[0].version, onnx_mlp.OPSET)
        meta = onnx_mlp.metadata(model)
        self.assertEqual(meta["axis.model"], "config")
        self.assertEqual(meta["axis.inputs"].split(","), [*FEATURES, *next(iter(CONFIGS.values()))[0], "e_log2_effort"])
        self.assertEqual(meta["axis.outputs"], "recall,latency_us,build_s,memory_bytes")
        self.assertEqual(float(meta["axis.recall_margin_logit"]), self.figures["recall_margin_logit"])
        self.assertNotIn("axis.recall_margin", meta)
        self.assertIn("12 datasets", meta["axis.trained_on"])
        self.assertEqual(meta["axis.version"], "1")

    def test_graph_agrees_with_scikit_learn(self):
        model = onnx.load(self.out)
        graph = onnx_mlp.evaluate(model, self.sweep.inputs)
        expected = self.model.predict(self.sweep.inputs)
        self.assertEqual(graph.shape, (len(self.sweep.inputs), 4))
        np.testing.assert_allclose(graph[:, :3], expected[:, :3], rtol=1e-3)
        np.testing.assert_allclose(graph[:, 3], expected[:, 3], rtol=1e-3, atol=1.0)
        self.assertTrue(((graph[:, 0] >= 0) & (graph[:, 0] <= 1)).all())
        self.assertTrue((graph[:, 3] >= 0).all())

    def test_card_lists_every_dataset_and_the_margin(self):
        with open(self.card) as file:
            card = file.read()
        self.assertTrue(card.startswith("# AXIS configuration model\n\nGenerated by"))
        for dataset in np.unique(self.sweep.datasets):
            self.assertIn(f"`{dataset}`", card)
        self.assertIn(f"`axis.recall_margin_logit` = **{self.figures['recall_margin_logit']}**", card)
        self.assertIn("| target | cases | met | flat |", card)
        self.assertIn("clipped to [0.0005, 0.9995]", card)

    # one situation: flat (row 0, predicted badly, latency 100) and two configs of three efforts
    # each (rows 1..3 and 4..6); margins are in logits
    SITUATIONS = [[np.array([0]), np.array([1, 2, 3]), np.array([4, 5, 6])]]
    EXACT = np.array([True, False, False, False, False, False, False])
    PREDICTED = np.array([0.5, 0.85, 0.93, 0.97, 0.91, 0.96, 0.99])
    LATENCY = np.array([100, 10, 20, 40, 5, 15, 30])
    MEASURED = np.array([1.0, 0.84, 0.90, 0.96, 0.92, 0.94, 0.99])

    def choose(self, target, margin):
        return train.simulate_chooser(self.SITUATIONS, self.EXACT, self.PREDICTED, self.LATENCY, self.MEASURED,
                                      target, margin)

    def test_chooser_takes_the_cheapest_setting_that_qualifies(self):
        # no margin: row 4 (latency 5) qualifies for 0.90 and measures 0.92
        self.assertEqual(self.choose(0.90, 0.0), (1, 1, 0))
        # 0.95: rows 3 (40) and 5 (15); row 5 measures 0.94, missed
        self.assertEqual(self.choose(0.95, 0.0), (1, 0, 0))
        # logit(0.96) - logit(0.95) = 0.23 < 0.3: the second config moves to row 6 (30), still
        # cheaper than row 3 (40, 0.53 logits above); met
        self.assertEqual(self.choose(0.95, 0.3), (1, 1, 0))

    def test_large_margin_falls_back_to_flat_which_is_met(self):
        # logit(0.99) - logit(0.95) = 1.65 < 2: nothing inexact qualifies, flat does although the
        # model predicts it 0.5, and it counts as met
        self.assertEqual(self.choose(0.95, 2.0), (1, 1, 1))
        self.assertEqual(self.choose(0.99, train.MARGIN_MAX), (1, 1, 1))

    def test_calibration_takes_the_smallest_margin_that_meets_enough(self):
        predictions = np.column_stack([self.PREDICTED, self.LATENCY])
        margin, per_target, reached = train.calibrate_margin(
            self.SITUATIONS, self.EXACT, predictions, self.MEASURED[:, None])
        # at 0.20 row 5 still qualifies for 0.95 and misses; at 0.25 it no longer does, and 0.99
        # (where row 6 is exactly at the target) falls back to flat
        self.assertEqual(margin, 0.25)
        self.assertTrue(reached)
        self.assertEqual(per_target, {0.90: (1, 1, 0), 0.95: (1, 1, 0), 0.98: (1, 1, 0), 0.99: (1, 1, 1)})

    def test_a_situation_without_flat_is_refused(self):
        sweep = train.Sweep("s.csv", ["f_a", "c_flat", "e_effort"], np.array(["a", "a"]), np.array(["hnsw", "hnsw"]),
                            np.array([[1.0, 0, 4], [1.0, 0, 5]]), np.ones((2, 4)), {})
        with self.assertRaisesRegex(ValueError, "no exact row"):
            train.chooser_situations(sweep)


class ExportMlpTest(unittest.TestCase):
    """The export with other output counts, as the per-query early-termination model will use it."""

    @staticmethod
    def fit_tiny(inputs, targets):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return MLPRegressor(hidden_layer_sizes=(8,), activation="tanh", max_iter=50, random_state=1).fit(
                inputs, targets)

    def export_and_verify(self, transforms):
        rng = np.random.default_rng(3)
        inputs = rng.normal(size=(200, 5)) * [1, 10, 100, 0.1, 1] + 3
        targets = inputs @ rng.normal(size=(5, len(transforms)))
        scaler = StandardScaler().fit(inputs)
        mlp = self.fit_tiny(scaler.transform(inputs), targets[:, 0] if len(transforms) == 1 else targets)
        # a target scaler of scale 1/100 folds into the last layer like the real one
        target_scaler = StandardScaler().fit(np.zeros((1, len(transforms))))
        target_scaler.scale_ = np.full(len(transforms), 0.01)
        raw = mlp.predict(scaler.transform(inputs)).reshape(len(inputs), -1) / 100
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "m.onnx")
            onnx_mlp.export_mlp(mlp, scaler, [f"x{i}" for i in range(5)], transforms, {"k": "v"}, path,
                                target_scaler=target_scaler)
            model = onnx_mlp.verify_export(
                path, inputs, onnx_mlp.apply_output_transforms(raw, transforms), transforms)
        self.assertEqual(onnx_mlp.metadata(model), {"k": "v"})

    def test_one_sigmoid_output(self):
        self.export_and_verify(["sigmoid"])

    def test_two_identity_outputs(self):
        self.export_and_verify(["identity", "identity"])

    def test_mismatch_fails_loudly(self):
        inputs = np.random.default_rng(4).normal(size=(50, 3)) * 5
        scaler = StandardScaler().fit(inputs)
        mlp = self.fit_tiny(scaler.transform(inputs), inputs[:, 0])
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "m.onnx")
            onnx_mlp.export_mlp(mlp, scaler, ["a", "b", "c"], ["exp"], {}, path)
            # scikit-learn fed unscaled inputs: not what the graph computes
            with self.assertRaises(AssertionError):
                onnx_mlp.verify_export(path, inputs, np.exp(mlp.predict(inputs)), ["exp"])


if __name__ == "__main__":
    unittest.main()
