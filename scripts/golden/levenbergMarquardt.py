#!/usr/bin/env python3
"""Golden data for src/numeric/levenbergMarquardt.ts.

Makes src/numeric/__golden__/levenbergMarquardt.json: three weighted nonlinear least-squares
problems with deterministic data (numpy seed 20250301) and, for each, the solution and covariance
of scipy.optimize.curve_fit(..., sigma=σ, absolute_sigma=True, method='lm') run to machine
tolerance (MINPACK lmder; the covariance is (JᵀWJ)⁻¹ at the solution):

- exponential: y = a·exp(−x/τ) + c on 60 points, Gaussian noise σ = 0.05 + 0.02·y_true;
- gaussianLine: y = A·exp(−(x−μ)²/(2s²)) + b0 + b1·x, Poisson counts on 81 channels,
  σ = sqrt(max(y, 1)) (counting statistics);
- logistic: y = K / (1 + exp(−r (x − x0))) on 40 points, Gaussian noise σ = 0.5.

Each case stores x, y, σ, the starting point, the scipy solution, the covariance (row-major), and
χ². Floats are written with repr (shortest round-trip). Format with `npx biome format --write` after.

Run from the repository root (python3 with numpy and scipy; < 1 s):
    python3 scripts/golden/levenbergMarquardt.py && npx biome format --write src/numeric/__golden__
"""

import json
from pathlib import Path

import numpy as np
import scipy
from scipy.optimize import curve_fit

OUT = Path(__file__).resolve().parents[2] / "src" / "numeric" / "__golden__" / "levenbergMarquardt.json"


def exponential(x, a, tau, c):
    return a * np.exp(-x / tau) + c


def gaussian_line(x, amp, mu, s, b0, b1):
    return amp * np.exp(-((x - mu) ** 2) / (2 * s * s)) + b0 + b1 * x


def logistic(x, k, r, x0):
    return k / (1 + np.exp(-r * (x - x0)))


def case(name, f, x, y, sigma, p0):
    popt, pcov = curve_fit(
        f, x, y, p0=p0, sigma=sigma, absolute_sigma=True, method="lm", ftol=1e-15, xtol=1e-15, gtol=1e-15,
        maxfev=100000,
    )
    chi2 = float(np.sum(((y - f(x, *popt)) / sigma) ** 2))
    return {
        "name": name,
        "x": [float(v) for v in x],
        "y": [float(v) for v in y],
        "sigma": [float(v) for v in sigma],
        "initial": [float(v) for v in p0],
        "parameters": [float(v) for v in popt],
        "covariance": [float(v) for v in pcov.ravel()],
        "chiSquare": chi2,
    }


def main():
    rng = np.random.default_rng(20250301)
    cases = []

    x = np.linspace(0, 10, 60)
    truth = exponential(x, 5.0, 2.5, 0.7)
    sigma = 0.05 + 0.02 * truth
    y = truth + rng.normal(0, sigma)
    cases.append(case("exponential", exponential, x, y, sigma, [3.0, 1.0, 0.0]))

    x = np.arange(81.0)
    truth = gaussian_line(x, 400.0, 40.3, 3.2, 60.0, -0.3)
    y = rng.poisson(truth).astype(float)
    sigma = np.sqrt(np.maximum(y, 1))
    cases.append(case("gaussianLine", gaussian_line, x, y, sigma, [300.0, 39.0, 4.0, 50.0, 0.0]))

    x = np.linspace(-10, 10, 40)
    truth = logistic(x, 20.0, 0.8, 1.5)
    sigma = np.full_like(x, 0.5)
    y = truth + rng.normal(0, sigma)
    cases.append(case("logistic", logistic, x, y, sigma, [15.0, 0.3, 0.0]))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
