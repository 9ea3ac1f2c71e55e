#!/usr/bin/env python3
"""Golden data for src/ml/metrics (classification, regression, calibration metrics).

Makes src/ml/metrics/__golden__/metrics.json: deterministic inputs (numpy default_rng, seed
20250101) and the expected metrics, computed here independently of the TypeScript code: with
numpy from the textbook formulas (scikit-learn conventions: zero_division=0, r2 force_finite,
multioutput='uniform_average'), scipy.stats.norm.ppf for Gaussian quantiles (Cephes ndtri, a
different algorithm from the AS 241 used in TypeScript) and scipy.stats.entropy for entropies.
Floats are written with repr (shortest round-trip), so the JSON holds exact float64 values. The
tests compare to 1e-12.

The JSON is laid out as Biome formats it (short arrays on one line, long number arrays filled to
120 columns), so `biome check` passes on the generated file as is.

Run from the repository root (python3 with numpy and scipy; takes < 1 s):
    python3 scripts/golden/metrics.py
"""

import json
import re
from pathlib import Path

import numpy as np
import scipy
from scipy.stats import entropy, norm

OUT = Path(__file__).resolve().parents[2] / "src" / "ml" / "metrics" / "__golden__" / "metrics.json"
LINE_WIDTH = 120  # biome.json formatter.lineWidth
LEVELS = [0.5, 0.68, 0.6826894921370859, 0.9, 0.95, 0.99]
QUANTILE_PS = [1e-300, 1e-20, 1e-9, 0.001, 0.025, 0.075, 0.16, 0.5, 0.8413447460685429, 0.925, 0.975, 0.999999]


def classification_case(rng, n, class_count, never_predicted):
    truth = rng.integers(0, class_count, n)
    predicted = np.where(rng.random(n) < 0.7, truth, rng.integers(0, class_count, n))
    predicted[predicted == never_predicted] = 0  # a class never predicted: precision 0/0 -> 0
    confusion = np.zeros((class_count, class_count), dtype=np.int64)
    np.add.at(confusion, (truth, predicted), 1)
    tp = np.diag(confusion).astype(float)
    predicted_count = confusion.sum(axis=0)
    true_count = confusion.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted_count > 0, tp / predicted_count, 0.0)
        recall = np.where(true_count > 0, tp / true_count, 0.0)
        f1 = np.where(predicted_count + true_count > 0, 2 * tp / (predicted_count + true_count), 0.0)
    return {
        "classCount": class_count,
        "truth": truth.tolist(),
        "predicted": predicted.tolist(),
        "accuracy": float(np.mean(truth == predicted)),
        "confusion": confusion.ravel().tolist(),
        "precision": precision.tolist(),
        "recall": recall.tolist(),
        "f1": f1.tolist(),
        "support": true_count.tolist(),
        "macroF1": float(np.mean(f1)),
    }


def regression_case(rng, n, scales, constant_output=None):
    outputs = len(scales)
    truth = rng.normal(0.0, 1.0, (n, outputs)) * np.array(scales) + np.arange(outputs)
    if constant_output is not None:
        truth[:, constant_output] = 2.5  # r2 of a constant truth: 0 unless predicted exactly
    predicted = truth + rng.normal(0.0, 0.3, (n, outputs)) * np.array(scales)
    error = truth - predicted
    mae = np.mean(np.abs(error), axis=0)
    rmse = np.sqrt(np.mean(error**2, axis=0))
    ss_res = np.sum(error**2, axis=0)
    ss_tot = np.sum((truth - truth.mean(axis=0)) ** 2, axis=0)
    r2 = np.array([(1.0 if r == 0 else 0.0) if t == 0 else 1 - r / t for r, t in zip(ss_res, ss_tot)])
    return {
        "outputs": outputs,
        "truth": truth.ravel().tolist(),
        "predicted": predicted.ravel().tolist(),
        "mae": {"perOutput": mae.tolist(), "overall": float(mae.mean())},
        "rmse": {"perOutput": rmse.tolist(), "overall": float(rmse.mean())},
        "r2": {"perOutput": r2.tolist(), "overall": float(r2.mean())},
    }


def coverage_case(rng, n):
    means = rng.normal(0.0, 2.0, n)
    sds = rng.uniform(0.2, 1.5, n)
    truths = means + sds * rng.normal(0.0, 1.1, n)  # slightly overdispersed: coverage a bit low
    ratio = np.abs(truths - means) / sds
    coverage = {}
    for level in LEVELS:
        z = norm.ppf((1 + level) / 2)
        assert np.min(np.abs(ratio - z)) > 1e-9, "a truth lies on an interval bound; change the seed"
        coverage[repr(level)] = float(np.mean(np.abs(truths - means) <= z * sds))
    return {"truths": truths.tolist(), "means": means.tolist(), "sds": sds.tolist(), "coverage": coverage}


def probabilities(rng, n, class_count):
    p = rng.dirichlet(np.full(class_count, 0.6), n)
    p[0] = np.eye(class_count)[1]  # certain prediction: entropy 0, 0·ln 0 = 0
    p[1] = np.full(class_count, 1 / class_count)  # uniform: entropy ln(classCount)
    return p


def calibration_case(rng, n, class_count, bins):
    p = probabilities(rng, n, class_count)
    # Labels drawn from a sharpened copy: the probabilities are somewhat underconfident.
    sharp = p**2 / np.sum(p**2, axis=1, keepdims=True)
    labels = np.array([rng.choice(class_count, p=row) for row in sharp])
    predicted = np.argmax(p, axis=1)
    confidence = p[np.arange(n), predicted]
    bin_index = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = bin_index == b
        if mask.any():
            ece += mask.sum() * abs(np.mean(predicted[mask] == labels[mask]) - np.mean(confidence[mask]))
    return {
        "classCount": class_count,
        "bins": bins,
        "probabilities": p.ravel().tolist(),
        "labels": labels.tolist(),
        "entropy": entropy(p, axis=1).tolist(),
        "ece": ece / n,
    }


def number(value):
    # Biome writes exponents without '+' or leading zeros: 1e-05 -> 1e-5.
    return re.sub(r"e\+?(-?)0*(\d)", r"e\1\2", json.dumps(value))


def to_json(value, indent=0, prefix=0, suffix=0):
    """JSON in Biome's layout: objects one member per line, arrays on one line when they fit.

    `prefix` and `suffix` are the widths of the text before and after the value on its line.
    """
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        keys = list(value)
        members = [
            f"{pad}{json.dumps(k)}: "
            + to_json(value[k], indent + 2, len(pad) + len(json.dumps(k)) + 2, int(i < len(keys) - 1))
            for i, k in enumerate(keys)
        ]
        return "{\n" + ",\n".join(members) + "\n" + " " * indent + "}"
    if isinstance(value, list) and not all(isinstance(v, (int, float)) for v in value):
        items = [pad + to_json(v, indent + 2, len(pad), int(i < len(value) - 1)) for i, v in enumerate(value)]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    if isinstance(value, list):
        one_line = "[" + ", ".join(number(v) for v in value) + "]"
        return one_line if prefix + len(one_line) + suffix <= LINE_WIDTH else fill(value, pad, indent)
    return number(value) if isinstance(value, float) else json.dumps(value)


def fill(values, pad, indent):
    items = [number(v) for v in values]
    lines, line = [], pad
    for i, item in enumerate(items):
        text = item + ("," if i < len(items) - 1 else "")
        if line != pad and len(line) + 1 + len(text) > LINE_WIDTH:
            lines.append(line)
            line = pad
        line += text if line == pad else " " + text
    return "[\n" + "\n".join([*lines, line]) + "\n" + " " * indent + "]"


def main():
    rng = np.random.default_rng(20250101)
    document = {
        "generator": "scripts/golden/metrics.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "classification": [
            classification_case(rng, 200, 4, never_predicted=3),
            classification_case(rng, 57, 6, never_predicted=5),
        ],
        "regression": [
            regression_case(rng, 100, [1.0, 10.0, 0.01]),
            regression_case(rng, 40, [3.0, 1.0], constant_output=1),
            regression_case(rng, 25, [1.0]),
        ],
        "quantiles": {"p": QUANTILE_PS, "z": [float(norm.ppf(p)) for p in QUANTILE_PS]},
        "coverage": coverage_case(rng, 500),
        "calibration": [calibration_case(rng, 300, 3, 10), calibration_case(rng, 120, 5, 15)],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(to_json(document) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
