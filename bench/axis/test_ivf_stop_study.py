"""Tests of the IVF per-query stop study: its synthetic data, exact neighbours, interpolation, and
one small study end to end.

    /usr/bin/python3 -m unittest bench/axis/test_ivf_stop_study.py      # from the repository root
"""

import argparse
import contextlib
import io
import os
import re
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ivf_stop_study as study  # noqa: E402


class SyntheticTest(unittest.TestCase):

    def test_shape_and_subspace(self):
        base, queries = study.synthetic([32, 4, 8, 0.5, 3000], 100, seed=3)
        self.assertEqual(base.shape, (3000, 32))
        self.assertEqual(queries.shape, (100, 32))
        # Four intrinsic dimensions plus small noise: four singular values carry nearly everything.
        singular = np.linalg.svd(base - base.mean(0), compute_uv=False)
        self.assertGreater((singular[:4] ** 2).sum() / (singular ** 2).sum(), 0.99)

    def test_same_seed_same_data(self):
        a, _ = study.synthetic([8, 2, 1, 1.0, 50], 5, seed=9)
        b, _ = study.synthetic([8, 2, 1, 1.0, 50], 5, seed=9)
        c, _ = study.synthetic([8, 2, 1, 1.0, 50], 5, seed=10)
        np.testing.assert_array_equal(a, b)
        self.assertFalse(np.array_equal(a, c))


class ShapeTest(unittest.TestCase):

    def test_a_good_shape_parses(self):
        parser = argparse.ArgumentParser()
        self.assertEqual(study.parse_shape(parser, "96,6,64,0.25,12000"), [96, 6, 64, 0.25, 12000])

    def test_bad_shapes_are_refused_with_the_reason(self):
        for text, reason in (("96,6,64,0.25", "five fields"), ("96,x,64,0.25,100", "integers"),
                             ("8,16,1,1.0,100", "I <= D"), ("8,4,1,0,100", "SPREAD > 0")):
            parser = argparse.ArgumentParser()
            errors = io.StringIO()
            with self.assertRaises(SystemExit), contextlib.redirect_stderr(errors):
                study.parse_shape(parser, text)
            self.assertIn(reason, errors.getvalue())


class ExactNeighboursTest(unittest.TestCase):

    def test_matches_brute_force(self):
        rng = np.random.default_rng(1)
        base = rng.standard_normal((700, 6)).astype(np.float32)
        queries = rng.standard_normal((30, 6)).astype(np.float32)
        found = study.exact_neighbours(base, queries)
        for q, row in zip(queries, found):
            expected = np.argsort(((base - q) ** 2).sum(1))[:study.K]
            self.assertEqual(set(row.tolist()), set(expected.tolist()))


class CostAtTest(unittest.TestCase):

    def test_log_interpolates_between_bracketing_points(self):
        curve = [(0.8, 100.0), (0.9, 400.0), (1.0, 1600.0)]
        self.assertAlmostEqual(study.cost_at(curve, 0.95), 800.0, places=6)
        self.assertAlmostEqual(study.cost_at(curve, 0.9), 400.0, places=6)

    def test_unreached_level_is_nan(self):
        self.assertTrue(np.isnan(study.cost_at([(0.5, 10.0), (0.7, 20.0)], 0.95)))


class StudyTest(unittest.TestCase):

    def test_small_study_reports_every_rule_and_a_bound_no_rule_beats(self):
        base, queries = study.synthetic([16, 4, 4, 0.5, 4000], 400, seed=5)
        truth = study.exact_neighbours(base, queries)
        args = argparse.Namespace(nlist=40, iterations=6, seed=1, max_probes=24)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            study.study(base, queries, truth, args)
        text = out.getvalue()
        for rule in ("distance ratio", "next over k-th", "learned", "bound", "oracle stop", "fixed nprobe"):
            self.assertIn(rule, text)

        def gain(line_start, level):
            line = next(line for line in text.splitlines() if line.strip().startswith(line_start))
            match = re.search(rf"{level}: ([0-9.]+)x", line)
            return float(match.group(1)) if match else None

        bound = gain("bound", "0.95")
        learned = gain("learned, at least 1", "0.95")
        self.assertIsNotNone(bound)
        self.assertIsNotNone(learned, text)
        # The bound knows each query's recall curve: nothing measured on the same queries beats it.
        self.assertGreaterEqual(bound, 1.0)
        self.assertLessEqual(learned, bound + 1e-9)


if __name__ == "__main__":
    unittest.main()
