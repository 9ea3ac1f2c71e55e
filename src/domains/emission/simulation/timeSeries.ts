import { WorkbenchError } from '../../../core/errors';
import { createRandom, deriveSeed, type Random } from '../../../ml/training/random';
import type { EmissionLine } from '../lines/emissionLine';
import type { InstrumentModel } from './instrument';
import { type DischargeParameters, type LiquidDischargeModel, simulateLiquidDischarge } from './liquidDischarge';
import type { PlasmaState } from './simulateEmission';

/**
 * A liquid-discharge monitoring run over time (optical-notes §3.7: "slow drift (electrode
 * erosion) and rare faults … as labelled anomalies"): the device parameters and concentrations
 * wander slowly, the instrument's sensitivity and wavelength axis drift, and fault events — each
 * with its kind, first and last frame in the truth — disturb it:
 * - `bubble`: gas in the gap, 1–4 frames of light dropout (×0.05–0.4 light, ×0.02–0.3 transport),
 *   often with one arc spike (×2–4 light, 5× conductivity: hotter, denser, more continuum);
 * - `saturation`: 3–15 frames with the integration time raised until lines clip at full scale;
 * - `matrixChange`: a conductivity step ×0.2–0.5 or ×2–5 (another sample matrix) to the event's end;
 * - `electrodeWear`: from its onset to the end of the run, wear rising linearly to 0.3–0.8 (less
 *   energy and transport, see liquidDischarge.ts) with extra Gaussian broadening up to 0.5 nm·wear
 *   (plasma wander; phenomenological).
 * Everything is drawn from `seed` (createRandom/deriveSeed): a run is reproduced exactly.
 */

export type FaultKind = 'bubble' | 'saturation' | 'matrixChange' | 'electrodeWear';

/** One labelled fault: frames `startFrame` … `endFrame` − 1. */
export interface FaultEvent {
  readonly kind: FaultKind;
  readonly startFrame: number;
  readonly endFrame: number;
  /** Kind-specific numbers (factor, spikeFrame, wearMax …). */
  readonly detail: Readonly<Record<string, number>>;
}

/** Options of a run. */
export interface TimeSeriesOptions {
  readonly frames: number;
  /** Seconds between frames (default 1). */
  readonly frameIntervalS?: number;
  readonly seed: number;
  readonly lines: readonly EmissionLine[];
  readonly instrument: InstrumentModel;
  /** Device parameters and concentrations at the start. */
  readonly start: DischargeParameters;
  readonly model?: LiquidDischargeModel;
  /** Per-frame SD of the log random walk of concentrations (default 0.003) and of σ (default 0.002). */
  readonly concentrationWalk?: number;
  readonly conductivityWalk?: number;
  /** Sensitivity drift over the run (relative, default −0.03) and wavelength drift (nm, default 0.05). */
  readonly sensitivityDrift?: number;
  readonly wavelengthDriftNm?: number;
  /** Explicit faults (validated), or expected counts per run of each random kind (default 1 each). */
  readonly faults?: readonly FaultEvent[];
  readonly faultCounts?: Partial<Record<FaultKind, number>>;
  /** Target of the auto-exposure at the start: fraction of full scale for the highest pixel (default 0.35). */
  readonly exposureTarget?: number;
}

/** One frame and its truth. */
export interface TimeSeriesFrame {
  readonly index: number;
  readonly timeS: number;
  readonly counts: Float64Array;
  readonly saturatedCount: number;
  readonly params: DischargeParameters;
  readonly plasma: PlasmaState;
  readonly sensitivityFactor: number;
  readonly wavelengthShiftNm: number;
  readonly integrationScale: number;
  readonly faults: readonly FaultKind[];
}

/** A run: the nominal axis, the frames and the labelled events. */
export interface EmissionTimeSeries {
  readonly wavelengthNm: Float64Array;
  readonly frames: readonly TimeSeriesFrame[];
  readonly events: readonly FaultEvent[];
}

const DURATION: Record<Exclude<FaultKind, 'electrodeWear'>, [number, number]> = {
  bubble: [1, 4],
  saturation: [3, 15],
  matrixChange: [10, 60],
};

/** Random non-overlapping faults (electrode wear may overlap the others: it is gradual). */
function drawFaults(frames: number, counts: Partial<Record<FaultKind, number>>, random: Random): FaultEvent[] {
  const events: FaultEvent[] = [];
  const taken = new Uint8Array(frames);
  for (const kind of ['matrixChange', 'saturation', 'bubble'] as const) {
    const n = random.poisson(counts[kind] ?? 1);
    for (let e = 0; e < n; e++) {
      const [lo, hi] = DURATION[kind];
      const length = Math.min(random.integer(lo, hi), Math.max(1, frames - 2));
      for (let attempt = 0; attempt < 20; attempt++) {
        const start = random.integer(1, Math.max(1, frames - length));
        let free = true;
        for (let f = start - 1; f <= start + length && free; f++) if (f >= 0 && f < frames && taken[f]) free = false;
        if (!free) continue;
        taken.fill(1, start, start + length);
        const detail: Record<string, number> =
          kind === 'matrixChange'
            ? { factor: random.next() < 0.5 ? random.uniform(0.2, 0.5) : random.uniform(2, 5) }
            : kind === 'saturation'
              ? { factor: random.uniform(4, 10) }
              : { spikeFrame: length >= 2 && random.next() < 0.7 ? start + random.integer(0, length - 1) : -1 };
        events.push({ kind, startFrame: start, endFrame: start + length, detail });
        break;
      }
    }
  }
  if (random.next() < (counts.electrodeWear ?? 1) / ((counts.electrodeWear ?? 1) + 1)) {
    const onset = random.integer(0, Math.floor(frames / 2));
    events.push({
      kind: 'electrodeWear',
      startFrame: onset,
      endFrame: frames,
      detail: { wearMax: random.uniform(0.3, 0.8) },
    });
  }
  return events.sort((a, b) => a.startFrame - b.startFrame);
}

function checkFaults(faults: readonly FaultEvent[], frames: number): void {
  for (const [i, f] of faults.entries()) {
    if (
      !(Number.isInteger(f.startFrame) && Number.isInteger(f.endFrame) && f.startFrame >= 0 && f.endFrame <= frames)
    ) {
      throw new WorkbenchError('INVALID_OPTION', `faults[${i}] (${f.kind}) must lie within frames 0 … ${frames}`);
    }
    if (f.endFrame <= f.startFrame)
      throw new WorkbenchError('INVALID_OPTION', `faults[${i}] (${f.kind}) ends before it starts`);
  }
}

/** A labelled liquid-discharge run (see the file comment). */
export function simulateTimeSeries(options: TimeSeriesOptions): EmissionTimeSeries {
  const { frames, seed, instrument } = options;
  if (!Number.isInteger(frames) || frames < 1)
    throw new WorkbenchError('INVALID_OPTION', `frames must be ≥ 1, got ${frames}`);
  const dt = options.frameIntervalS ?? 1;
  const events = options.faults ?? drawFaults(frames, options.faultCounts ?? {}, createRandom(deriveSeed(seed, 1)));
  checkFaults(events, frames);
  const walk = createRandom(deriveSeed(seed, 3));
  const drift = createRandom(deriveSeed(seed, 4));
  const sensitivityDrift = options.sensitivityDrift ?? -0.03;
  const wavelengthDrift = options.wavelengthDriftNm ?? 0.05;
  const wobblePhase = drift.uniform(0, 2 * Math.PI);
  const wobblePeriod = drift.uniform(0.3, 1) * frames;
  const common = { lines: options.lines, instrument, ...(options.model ? { model: options.model } : {}) };
  const baseline = instrument.offsetCounts + instrument.darkCurrentCountsPerS * instrument.integrationTimeS;
  const first = simulateLiquidDischarge(options.start, { ...common, noise: null });
  let peak = 0;
  for (const v of first.expectedCounts) peak = Math.max(peak, v - baseline);
  const exposure = Math.min(
    100,
    Math.max(
      0.01,
      ((options.exposureTarget ?? 0.35) * (instrument.saturationCounts - baseline)) / Math.max(peak, 1e-9),
    ),
  );
  let lastPeak = peak * exposure;
  const logConcentration = Object.fromEntries(
    Object.entries(options.start.concentrationsMgL).map(([k, v]) => [k, Math.log(Math.max(v, 1e-12))]),
  );
  let logSigma = Math.log(options.start.conductivityUsCm);
  let liquidT = options.start.liquidTemperatureC;
  const out: TimeSeriesFrame[] = [];
  let axis: Float64Array | undefined;
  for (let index = 0; index < frames; index++) {
    for (const k of Object.keys(logConcentration))
      logConcentration[k] = (logConcentration[k] as number) + walk.normal(0, options.concentrationWalk ?? 0.003);
    logSigma += walk.normal(0, options.conductivityWalk ?? 0.002);
    liquidT = Math.min(95, Math.max(0, liquidT + walk.normal(0, 0.02)));
    const progress = frames > 1 ? index / (frames - 1) : 0;
    const wobble = Math.sin((2 * Math.PI * index) / wobblePeriod + wobblePhase);
    const sensitivityFactor = 1 + sensitivityDrift * progress + 0.005 * wobble;
    const wavelengthShiftNm = wavelengthDrift * progress + 0.01 * wobble;
    const active = events.filter((e) => index >= e.startFrame && index < e.endFrame);
    let sigma = Math.exp(logSigma);
    let intensity = sensitivityFactor;
    let integration = exposure;
    let transport = 1;
    let wear = 0;
    let broadening = 0;
    const noise = createRandom(deriveSeed(seed, 2, index));
    for (const e of active) {
      if (e.kind === 'matrixChange') sigma *= e.detail.factor as number;
      else if (e.kind === 'electrodeWear') {
        wear = ((index - e.startFrame + 1) / (e.endFrame - e.startFrame)) * (e.detail.wearMax as number);
        broadening = 0.5 * wear;
      } else if (e.kind === 'saturation') {
        integration *= Math.max(
          e.detail.factor as number,
          (1.6 * (instrument.saturationCounts - baseline)) / Math.max(lastPeak, 1e-9),
        );
      } else if (index === e.detail.spikeFrame) {
        intensity *= noise.uniform(2, 4);
        sigma *= 5;
      } else {
        intensity *= noise.uniform(0.05, 0.4);
        transport = noise.uniform(0.02, 0.3);
      }
    }
    const params: DischargeParameters = {
      conductivityUsCm: sigma,
      liquidTemperatureC: liquidT,
      concentrationsMgL: Object.fromEntries(Object.entries(logConcentration).map(([k, v]) => [k, Math.exp(v)])),
      electrodeWear: wear,
      transportScale: transport,
    };
    const frame = simulateLiquidDischarge(params, {
      ...common,
      noise,
      wavelengthShiftNm,
      extraBroadeningNm: broadening,
      integrationScale: integration,
      intensityScale: intensity,
    });
    axis ??= frame.wavelengthNm;
    const frameBaseline =
      instrument.offsetCounts + instrument.darkCurrentCountsPerS * instrument.integrationTimeS * integration;
    let framePeak = 0;
    for (const v of frame.expectedCounts) framePeak = Math.max(framePeak, v - frameBaseline);
    if (!active.some((e) => e.kind === 'saturation' || e.kind === 'bubble')) lastPeak = framePeak;
    out.push({
      index,
      timeS: index * dt,
      counts: frame.counts,
      saturatedCount: frame.truth.saturatedCount,
      params,
      plasma: frame.discharge.plasma,
      sensitivityFactor,
      wavelengthShiftNm,
      integrationScale: integration,
      faults: active.map((e) => e.kind),
    });
  }
  return { wavelengthNm: axis as Float64Array, frames: out, events };
}
