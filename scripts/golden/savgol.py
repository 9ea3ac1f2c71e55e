#!/usr/bin/env python3
"""Golden data for src/numeric/savitzkyGolay.ts.

Makes src/numeric/__golden__/savgol.json: three deterministic input signals (a noisy sum of
Gaussian peaks, 500 points, numpy seed 20240611; a 15-point random signal; a 40-point ramp) and,
for a set of (windowLength, polynomialOrder, derivative, delta) cases, the output of
scipy.signal.savgol_filter(y, ..., mode='interp'). Floats are written with repr (shortest
round-trip), so the JSON holds the exact float64 values.

Every case is also computed from exact rational least-squares weights (fractions.Fraction) and the
script fails if scipy deviates by more than 1e-11 of the signal scale: scipy 1.17 loses digits for
wide windows with high orders (unscaled Vandermonde in savgol_coeffs, scipy/scipy#20825). Cases
listed in EXACT_ONLY lie in that regime; their outputs come from the exact weights instead
("reference": "exact") and show that our filter does not share the problem.

The JSON is laid out as Biome formats it (number arrays filled to 120 columns), so
`biome check` passes on the generated file as is.

Run from the repository root (python3 with numpy and scipy; takes ~10 s):
    python3 scripts/golden/savgol.py
"""

import json
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy.signal import savgol_filter

OUT = Path(__file__).resolve().parents[2] / "src" / "numeric" / "__golden__" / "savgol.json"
TOLERANCE = 1e-11
LINE_WIDTH = 120  # biome.json formatter.lineWidth


def signals():
    rng = np.random.default_rng(20240611)
    x = np.arange(500.0)
    peaks = (
        100.0 * np.exp(-0.5 * ((x - 120.0) / 6.0) ** 2)
        + 40.0 * np.exp(-0.5 * ((x - 260.0) / 2.5) ** 2)
        + 70.0 * np.exp(-0.5 * ((x - 400.0) / 15.0) ** 2)
        + 5.0
        + rng.normal(0.0, 1.5, x.size)
    )
    short = rng.normal(0.0, 1.0, 15) + np.linspace(-2.0, 3.0, 15)
    ramp = 0.75 * np.arange(40.0) - 3.0
    return {"peaks": peaks, "short": short, "ramp": ramp}


# (signal, windowLength, polynomialOrder, derivative, delta)
CASES = [
    ("peaks", 11, 3, 0, 1.0),  # the defaults
    ("peaks", 5, 2, 0, 1.0),
    ("peaks", 7, 0, 0, 1.0),  # order 0: moving average
    ("peaks", 3, 1, 0, 1.0),
    ("peaks", 1, 0, 0, 1.0),  # identity
    ("peaks", 51, 2, 0, 1.0),
    ("peaks", 21, 4, 1, 0.5),
    ("peaks", 31, 5, 2, 0.25),
    ("peaks", 25, 6, 3, 2.0),
    ("peaks", 9, 8, 0, 1.0),  # order = window - 1: interpolation
    ("short", 15, 3, 0, 1.0),  # window == length: all points are edge points but the centre
    ("short", 15, 4, 2, 0.1),
    ("short", 5, 2, 1, 1.0),
    ("short", 9, 0, 0, 1.0),
    ("ramp", 11, 1, 0, 1.0),
    ("ramp", 11, 1, 1, 0.1),  # slope 0.75 / 0.1
    ("ramp", 39, 2, 2, 1.0),  # second derivative of a line: 0
    ("peaks", 101, 6, 0, 1.0),  # EXACT_ONLY: scipy is off by ~1e-6 here
    ("peaks", 201, 8, 1, 1.0),  # EXACT_ONLY: scipy's interior is wrong here
]
EXACT_ONLY = {("peaks", 101, 6, 0, 1.0), ("peaks", 201, 8, 1, 1.0)}


def exact_weights(window_length, order, derivative, position):
    """Weights w with w . y[window] = d-th derivative, at `position`, of the least-squares fit."""
    half = window_length // 2
    xs = [Fraction(k - half) for k in range(window_length)]
    n = order + 1
    gram = [[sum(x ** (i + j) for x in xs) for j in range(n)] for i in range(n)]
    aug = [row + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(gram)]
    for c in range(n):  # Gauss-Jordan, exact
        pivot = next(r for r in range(c, n) if aug[r][c] != 0)
        aug[c], aug[pivot] = aug[pivot], aug[c]
        aug[c] = [v / aug[c][c] for v in aug[c]]
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[c])]
    inverse = [row[n:] for row in aug]
    t = Fraction(position - half)
    g = [Fraction(0)] * n
    for j in range(derivative, n):
        falling = 1
        for q in range(derivative):
            falling *= j - q
        g[j] = falling * t ** (j - derivative)
    h = [sum(g[i] * inverse[i][j] for i in range(n)) for j in range(n)]
    return np.array([float(sum(h[j] * x**j for j in range(n))) for x in xs])


def exact_filter(y, window_length, order, derivative, delta):
    n, half = y.size, window_length // 2
    out = np.empty(n)
    centre = exact_weights(window_length, order, derivative, half)
    for i in range(half, n - half):
        out[i] = centre @ y[i - half : i + half + 1]
    for k in range(half):
        out[k] = exact_weights(window_length, order, derivative, k) @ y[:window_length]
        last = exact_weights(window_length, order, derivative, window_length - 1 - k)
        out[n - 1 - k] = last @ y[n - window_length :]
    return out / delta**derivative


def to_json(value, indent=0):
    """JSON in Biome's layout: objects and lists of objects one item per line, numbers filled."""
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        members = [f"{pad}{json.dumps(k)}: {to_json(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(members) + "\n" + " " * indent + "}"
    if isinstance(value, list) and not all(isinstance(v, (int, float)) for v in value):
        items = [pad + to_json(v, indent + 2) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    if isinstance(value, list):
        # Biome writes exponents without '+' or leading zeros: 1e-05 -> 1e-5.
        items = [re.sub(r"e\+?(-?)0*(\d)", r"e\1\2", json.dumps(v)) for v in value]
        lines, line = [], pad
        for i, item in enumerate(items):
            text = item + ("," if i < len(items) - 1 else "")
            if line != pad and len(line) + 1 + len(text) > LINE_WIDTH:
                lines.append(line)
                line = pad
            line += text if line == pad else " " + text
        return "[\n" + "\n".join([*lines, line]) + "\n" + " " * indent + "]"
    return json.dumps(value)


def main():
    inputs = signals()
    cases = []
    for case in CASES:
        name, window_length, order, derivative, delta = case
        y = inputs[name]
        exact = exact_filter(y, window_length, order, derivative, delta)
        reference = savgol_filter(y, window_length, order, derivative, delta, mode="interp")
        scale = max(np.max(np.abs(y)), 1.0)
        error = np.max(np.abs(reference - exact)) / scale
        if case in EXACT_ONLY:
            assert error > TOLERANCE, f"scipy is accurate for {case} now; move it out of EXACT_ONLY"
            reference = exact
        else:
            assert error <= TOLERANCE, f"scipy deviates from the exact fit by {error:.3g} for {case}"
        cases.append(
            {
                "signal": name,
                "windowLength": window_length,
                "polynomialOrder": order,
                "derivative": derivative,
                "delta": delta,
                "reference": "exact" if case in EXACT_ONLY else "scipy",
                "output": reference.tolist(),
            }
        )
        print(f"{case}: scipy vs exact {error:.2e}")
    document = {
        "generator": "scripts/golden/savgol.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "signals": {name: values.tolist() for name, values in inputs.items()},
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(to_json(document) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
