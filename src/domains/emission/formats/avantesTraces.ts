import type { VendorTrace } from './vendorSpectra';

/** What an AvaSoft measurement is (the measurement mode of the file, optical-notes §4.4). */
export type AvantesMode =
  | 'scope'
  | 'scope minus dark'
  | 'absorbance'
  | 'transmittance'
  | 'reflectance'
  | 'irradiance'
  | 'relative irradiance'
  | 'temperature'
  | 'unknown';

/** AvaSoft 8.2 `measmode` codes (lightr `lr_parse_rfl8`, from Avantes' file description). */
export const AVS82_MODES: readonly AvantesMode[] = [
  'scope',
  'absorbance',
  'scope minus dark',
  'transmittance',
  'reflectance',
  'irradiance',
  'relative irradiance',
  'temperature',
];

/**
 * AvaSoft 8.4 re-orders the codes (optical-notes §4.4); checked on the lightr files: `.Raw8` has 0
 * (scope), `eg.IRR8` 4 (irradiance), `30849.RFL8` and `d0001.Rfl8x` 5 (reflectance).
 */
export const AVS84_MODES: readonly AvantesMode[] = [
  'scope',
  'scope minus dark',
  'absorbance',
  'transmittance',
  'irradiance',
  'reflectance',
  'relative irradiance',
  'temperature',
];

/** The raw traces of an AvaSoft measurement (detector counts; dark and reference may be absent). */
export interface AvantesRaw {
  readonly sample: Float64Array;
  readonly dark?: Float64Array;
  readonly reference?: Float64Array;
}

/**
 * The spectra of an AvaSoft measurement, main one first:
 * - transmittance and reflectance: 100·(S − D)/(R − D) in % (optical-notes §4.4; matches the
 *   AvaSoft CSV export of `30849.RFL8` and the `.ttt` export of `NEW0601.TRM`);
 * - absorbance: −log10((S − D)/(R − D)) (Beer–Lambert, with the same ratio);
 * - scope minus dark: S − D (counts);
 * - scope, irradiance, relative irradiance, temperature: nothing is computed (in irradiance mode
 *   the fourth array is not a white reference; how AvaSoft turns it into µW/cm²/nm is not
 *   documented, so it is kept with quantity `unknown`): the sample comes first;
 * then the sample, dark and reference counts (`meta.role`). A ratio with R = D gives NaN.
 */
export function avantesTraces(mode: AvantesMode, raw: AvantesRaw): VendorTrace[] {
  const { sample, dark, reference } = raw;
  const traces: VendorTrace[] = [];
  const processed = processedOf(mode, sample, dark, reference);
  if (processed !== undefined) traces.push(processed);
  traces.push({ role: 'sample', values: sample, quantity: 'counts', unit: 'counts' });
  if (dark !== undefined) traces.push({ role: 'dark', values: dark, quantity: 'counts', unit: 'counts' });
  if (reference !== undefined) {
    // In irradiance mode this array is no white reference: eg.IRR8 holds 1e10 at its first 90
    // pixels and 3–411 elsewhere, presumably the irradiance calibration (not documented; not applied).
    const irradiance = mode === 'irradiance' || mode === 'relative irradiance';
    traces.push({
      role: 'reference',
      values: reference,
      quantity: irradiance ? 'unknown' : 'counts',
      unit: irradiance ? '' : 'counts',
    });
  }
  return traces;
}

function processedOf(
  mode: AvantesMode,
  sample: Float64Array,
  dark: Float64Array | undefined,
  reference: Float64Array | undefined,
): VendorTrace | undefined {
  if (dark === undefined) return undefined;
  const n = sample.length;
  const ratio = (i: number): number =>
    ((sample[i] as number) - (dark[i] as number)) / ((reference?.[i] as number) - (dark[i] as number));
  const finite = (v: number): number => (Number.isFinite(v) ? v : Number.NaN);
  if (mode === 'scope minus dark') {
    const values = Float64Array.from({ length: n }, (_, i) => (sample[i] as number) - (dark[i] as number));
    return { role: 'processed', values, quantity: 'counts', unit: 'counts' };
  }
  if (reference === undefined) return undefined;
  if (mode === 'transmittance' || mode === 'reflectance') {
    const values = Float64Array.from({ length: n }, (_, i) => finite(100 * ratio(i)));
    return { role: 'processed', values, quantity: mode, unit: '%' };
  }
  if (mode === 'absorbance') {
    const values = Float64Array.from({ length: n }, (_, i) => finite(-Math.log10(ratio(i))));
    return { role: 'processed', values, quantity: 'absorbance', unit: '' };
  }
  return undefined;
}
