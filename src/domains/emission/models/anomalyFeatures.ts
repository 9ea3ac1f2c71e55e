import { WorkbenchError } from '../../../core/errors';
import { createRandom } from '../../../ml/training/random';
import type { InstrumentModel } from '../simulation/instrument';
import type { EmissionTimeSeries, FaultKind } from '../simulation/timeSeries';

/**
 * Per-frame features of a liquid-discharge monitoring run for the recurrent anomaly detector:
 * a few numbers from each spectrum and the device's own readings, most of them relative to the
 * run's start (the mean of its first {@link REFERENCE_FRAMES} frames, which the device takes as
 * its reference after start-up), so that the network sees changes rather than a sample's level.
 */

/** The fault kinds the detector names, in output order (simulation/timeSeries.ts). */
export const ANOMALY_KINDS: readonly FaultKind[] = ['bubble', 'saturation', 'matrixChange', 'electrodeWear'];

/** Frames at the start of a run averaged as the reference of the relative features. */
export const REFERENCE_FRAMES = 10;

/** Names of the features, in order (units in the comments of {@link frameFeatures}). */
export const ANOMALY_FEATURES = [
  'ln total light − ref',
  'ln Na I 589 − ref',
  'ln Ca I 422.7 − ref',
  'ln Ca II 393.4 − ref',
  'ln OH 306–312 − ref',
  'Ca I 422.7 RMS width − ref (×10 nm⁻¹)',
  'ln(1 + saturated pixels)',
  'log10 conductivity reading − ref',
  'log10 conductivity reading − 3.5',
  'liquid temperature reading − ref (/10 °C)',
] as const;

const BANDS = {
  total: [300, 620],
  na: [588.3, 590.3],
  ca: [421.9, 423.5],
  caII: [392.6, 394.2],
  oh: [306, 312],
  width: [421.2, 424.2],
} as const;

function indexRange(axis: Float64Array, [lo, hi]: readonly [number, number]): [number, number] {
  let from = 0;
  while (from < axis.length && (axis[from] as number) < lo) from++;
  let to = from;
  while (to < axis.length && (axis[to] as number) <= hi) to++;
  return [from, to];
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * The spectral features of one frame (counts on the instrument's nominal axis): baseline = the
 * median count of 300–620 nm (most pixels carry no line); net sums above it of all light, the
 * Na I D lines, Ca I 422.7, Ca II 393.4 and the OH A–X band (ln of 1 + counts); the RMS width
 * (nm) of Ca I 422.7 from its second moment; the number of pixels at full scale.
 */
export function frameFeatures(
  axis: Float64Array,
  counts: Float64Array,
  saturationCounts: number,
): { ln: [number, number, number, number, number]; widthNm: number; saturated: number } {
  const [t0, t1] = indexRange(axis, BANDS.total);
  const base = median(counts.subarray(t0, t1));
  const net = (band: readonly [number, number]) => {
    const [a, b] = indexRange(axis, band);
    let sum = 0;
    for (let i = a; i < b; i++) sum += (counts[i] as number) - base;
    return Math.log(1 + Math.max(0, sum));
  };
  const [w0, w1] = indexRange(axis, BANDS.width);
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = w0; i < w1; i++) {
    const v = Math.max(0, (counts[i] as number) - base);
    const x = axis[i] as number;
    m0 += v;
    m1 += v * x;
    m2 += v * x * x;
  }
  const mean = m0 > 0 ? m1 / m0 : 0;
  const widthNm = m0 > 0 ? Math.sqrt(Math.max(0, m2 / m0 - mean * mean)) : 0;
  let saturated = 0;
  for (let i = t0; i < t1; i++) if ((counts[i] as number) >= saturationCounts) saturated++;
  return { ln: [net(BANDS.total), net(BANDS.na), net(BANDS.ca), net(BANDS.caII), net(BANDS.oh)], widthNm, saturated };
}

/** Features of every frame of a run and the fault labels of every frame. */
export interface RunFeatures {
  /** frames × {@link ANOMALY_FEATURES}.length, row-major. */
  readonly features: Float32Array;
  /** frames × {@link ANOMALY_KINDS}.length: 1 where the fault is active in that frame. */
  readonly labels: Float32Array;
  readonly frames: number;
}

/**
 * Features and labels of a run. Device readings: the conductivity meter reads the liquid (a
 * matrix change shows, an arc inside a bubble does not: the ×5 of a bubble's spike frame is taken
 * out) with 1 % RSD, the thermometer with 0.1 °C SD, both drawn from `meterSeed`.
 * @throws WorkbenchError INVALID_DATA when the run is shorter than the reference frames.
 */
export function runFeatures(run: EmissionTimeSeries, instrument: InstrumentModel, meterSeed: number): RunFeatures {
  const frames = run.frames.length;
  if (frames < REFERENCE_FRAMES)
    throw new WorkbenchError('INVALID_DATA', `a run needs at least ${REFERENCE_FRAMES} frames, got ${frames}`);
  const meter = createRandom(meterSeed);
  const width = ANOMALY_FEATURES.length;
  const raw = new Float64Array(frames * width);
  const labels = new Float32Array(frames * ANOMALY_KINDS.length);
  const saturation = instrument.saturationCounts;
  for (const [f, frame] of run.frames.entries()) {
    const spectral = frameFeatures(run.wavelengthNm, frame.counts, saturation);
    const spike = run.events.some((e) => e.kind === 'bubble' && e.detail.spikeFrame === f);
    const sigma = (frame.params.conductivityUsCm / (spike ? 5 : 1)) * Math.exp(meter.normal(0, 0.01));
    const temperature = frame.params.liquidTemperatureC + meter.normal(0, 0.1);
    raw.set(
      [
        ...spectral.ln,
        spectral.widthNm * 10,
        Math.log(1 + spectral.saturated),
        Math.log10(sigma),
        Math.log10(sigma) - 3.5,
        temperature / 10,
      ],
      f * width,
    );
    ANOMALY_KINDS.forEach((kind, k) => {
      labels[f * ANOMALY_KINDS.length + k] = frame.faults.includes(kind) ? 1 : 0;
    });
  }
  // Relative features: minus their mean over the reference frames (not the saturation count and the absolute σ).
  const relative = [0, 1, 2, 3, 4, 5, 7, 9];
  const features = new Float32Array(frames * width);
  for (let k = 0; k < width; k++) {
    let ref = 0;
    if (relative.includes(k)) {
      for (let f = 0; f < REFERENCE_FRAMES; f++) ref += raw[f * width + k] as number;
      ref /= REFERENCE_FRAMES;
    }
    for (let f = 0; f < frames; f++) features[f * width + k] = (raw[f * width + k] as number) - ref;
  }
  return { features, labels, frames };
}

/**
 * The window of `window` frames ending at frame `last` (features, row-major [window × F]) and the
 * labels of frame `last`: what the detector sees and must say at that moment.
 */
export function windowAt(run: RunFeatures, window: number, last: number): { x: Float32Array; y: Float32Array } {
  if (!(last >= window - 1 && last < run.frames))
    throw new WorkbenchError(
      'INVALID_OPTION',
      `a window of ${window} frames cannot end at frame ${last} of ${run.frames}`,
    );
  const width = ANOMALY_FEATURES.length;
  const kinds = ANOMALY_KINDS.length;
  return {
    x: run.features.slice((last - window + 1) * width, (last + 1) * width),
    y: run.labels.slice(last * kinds, (last + 1) * kinds),
  };
}
