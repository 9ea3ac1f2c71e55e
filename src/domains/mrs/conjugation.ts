import { reimFFT } from 'ml-spectra-processing';

/** Chemical-shift window (ppm) where in vivo 1H metabolites (and not water) sit. */
const METABOLITE_PPM: readonly [number, number] = [0.2, 4.2];

/** What {@link detectConjugation} found. */
export interface ConjugationCheck {
  /** True when the conjugate puts more power in the metabolite window: the FID is in the other convention. */
  readonly conjugate: boolean;
  /** Power in 0.2–4.2 ppm as it is, and of the conjugate (same units). */
  readonly power: number;
  readonly conjugatePower: number;
}

/**
 * The magnitude spectrum of an FID on the NIfTI-MRS ppm axis: spectrum = fftshift(fft(fid)) (zero
 * filled to a power of two), f from −BW/2 to +BW/2, ppm = centre − f/cf (mrs-notes §3.0).
 * Returns the ppm of every point (descending) and |S|.
 */
export function magnitudeSpectrum(
  re: Float64Array,
  im: Float64Array,
  spectrometerFrequencyMHz: number,
  dwellTimeS: number,
  centrePpm: number,
): { ppm: Float64Array; magnitude: Float64Array } {
  let n = 1;
  while (n < re.length) n *= 2;
  const r = new Float64Array(n);
  const i = new Float64Array(n);
  r.set(re);
  i.set(im);
  const spectrum = reimFFT({ re: r, im: i });
  const ppm = new Float64Array(n);
  const magnitude = new Float64Array(n);
  const half = n / 2;
  for (let k = 0; k < n; k++) {
    const source = (k + half) % n; // fftshift
    const f = (k - half) / (n * dwellTimeS);
    ppm[k] = centrePpm - f / spectrometerFrequencyMHz;
    magnitude[k] = Math.hypot(spectrum.re[source] as number, spectrum.im[source] as number);
  }
  return { ppm, magnitude };
}

/**
 * FSL-MRS's check (`MRS.check_FID`): sums the power in 0.2–4.2 ppm of the FID and of its complex
 * conjugate; the one with more power there is in the NIfTI-MRS convention. Meant for 1H spectra
 * with metabolite signal; a water-only reference has little power in the window either way, so its
 * answer is weak (compare `power` and `conjugatePower`).
 */
export function detectConjugation(
  re: Float64Array,
  im: Float64Array,
  spectrometerFrequencyMHz: number,
  dwellTimeS: number,
  centrePpm = 4.65,
): ConjugationCheck {
  const windowPower = (imag: Float64Array): number => {
    const { ppm, magnitude } = magnitudeSpectrum(re, imag, spectrometerFrequencyMHz, dwellTimeS, centrePpm);
    let power = 0;
    for (let k = 0; k < ppm.length; k++) {
      const p = ppm[k] as number;
      if (p >= METABOLITE_PPM[0] && p <= METABOLITE_PPM[1]) power += (magnitude[k] as number) ** 2;
    }
    return power;
  };
  const power = windowPower(im);
  const conjugatePower = windowPower(im.map((v) => -v));
  return { conjugate: conjugatePower > power, power, conjugatePower };
}
