import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ObservedPeak } from './identifyElements';

/** Folder of the Aalto single-element LIBS spectra (upstream licence unclear: read from ../shared, never copied). */
export const AALTO_DIR = resolve(process.cwd(), '../shared/fixtures/optical/libs/aalto_elements');

/** The 13 pure-metal targets of the Aalto library (MANIFEST.md, libs/aalto_elements). */
export const AALTO_ELEMENTS = ['Al', 'Co', 'Cr', 'Cu', 'Fe', 'Mg', 'Mn', 'Ni', 'Pb', 'Sn', 'Ti', 'V', 'Zn'] as const;

export const haveAalto = existsSync(resolve(AALTO_DIR, 'Fe_spectrum.csv'));

/** `wavelength,spectrum` CSV of one Aalto target. */
export function readAalto(element: string): { x: Float64Array; y: Float64Array } {
  const rows = readFileSync(resolve(AALTO_DIR, `${element}_spectrum.csv`), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const x = new Float64Array(rows.length);
  const y = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const [a, b] = row.split(',');
    x[i] = Number(a);
    y[i] = Number(b);
  });
  return { x, y };
}

/**
 * A minimal peak finder for the tests (the workbench's own is `processing/pickPeaks`): baseline =
 * running minimum over ±`halfWindow` points smoothed by a running mean of the same width; noise σ =
 * 1.4826 × median |Δy| / √2 of the baseline-free signal; peaks = local maxima (strictly above the
 * left, not below the right neighbour) at least `minSnr` σ above the baseline, positioned at the
 * vertex of the parabola through the top three points, FWHM from the half-height crossings (or the
 * valley, when a neighbouring line comes first).
 */
export function findTestPeaks(
  x: Float64Array,
  y: Float64Array,
  { minSnr = 8, halfWindow = 40, maxPeaks = 200 }: { minSnr?: number; halfWindow?: number; maxPeaks?: number } = {},
): ObservedPeak[] {
  const n = y.length;
  const runMin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = Number.POSITIVE_INFINITY;
    for (let j = Math.max(0, i - halfWindow); j <= Math.min(n - 1, i + halfWindow); j++)
      m = Math.min(m, y[j] as number);
    runMin[i] = m;
  }
  const base = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    for (let j = Math.max(0, i - halfWindow); j <= Math.min(n - 1, i + halfWindow); j++) {
      s += runMin[j] as number;
      c++;
    }
    base[i] = s / c;
  }
  const net = y.map((v, i) => v - (base[i] as number));
  const diffs: number[] = [];
  for (let i = 1; i < n; i++) diffs.push(Math.abs((net[i] as number) - (net[i - 1] as number)));
  diffs.sort((a, b) => a - b);
  const sigma = Math.max((1.4826 * (diffs[Math.floor(diffs.length / 2)] ?? 0)) / Math.SQRT2, 1e-12);
  const peaks: ObservedPeak[] = [];
  for (let i = 1; i < n - 1; i++) {
    const a = net[i - 1] as number;
    const b = net[i] as number;
    const c = net[i + 1] as number;
    if (!(b > a && b >= c) || b < minSnr * sigma) continue;
    const denom = a - 2 * b + c;
    const shift = denom < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / denom)) : 0;
    const step = ((x[i + 1] as number) - (x[i - 1] as number)) / 2;
    let left = i;
    while (left > 0 && (net[left] as number) > b / 2 && (net[left - 1] as number) <= (net[left] as number)) left--;
    let right = i;
    while (right < n - 1 && (net[right] as number) > b / 2 && (net[right + 1] as number) <= (net[right] as number))
      right++;
    peaks.push({
      wavelengthNm: (x[i] as number) + shift * step,
      intensity: b,
      fwhmNm: Math.max(step, (x[right] as number) - (x[left] as number) - step),
    });
  }
  return peaks
    .sort((p, q) => q.intensity - p.intensity)
    .slice(0, maxPeaks)
    .sort((p, q) => p.wavelengthNm - q.wavelengthNm);
}
