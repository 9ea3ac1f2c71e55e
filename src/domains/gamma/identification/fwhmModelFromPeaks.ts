import type { GammaPeak } from '../peaks/gammaPeak';

/**
 * A resolution model FWHM(E) (keV) fitted to the peaks' own widths: FWHM² = a + b·E (electronic
 * noise plus Poisson statistics of charge carriers, the usual semiconductor and scintillator
 * form), least squares on FWHM² with a, b ≥ 0, refitted once without the peaks more than a factor 2
 * off the first fit (multiplets fitted too wide). With one usable peak, FWHM scales as
 * √((E + 300 keV)/(E₀ + 300 keV)) through it. Peaks without a positive finite FWHM are ignored;
 * with none usable the model is a constant 1 keV.
 */
export function fwhmModelFromPeaks(peaks: readonly GammaPeak[]): (energyKeV: number) => number {
  const usable = peaks.filter(
    (p) => Number.isFinite(p.centroidKeV) && p.centroidKeV > 0 && Number.isFinite(p.fwhmKeV) && p.fwhmKeV > 0,
  );
  if (usable.length === 0) return () => 1;
  if (usable.length === 1) {
    const p = usable[0] as GammaPeak;
    return (e) => p.fwhmKeV * Math.sqrt((Math.max(e, 0) + 300) / (p.centroidKeV + 300));
  }
  let model = fitSquared(usable);
  const kept = usable.filter((p) => {
    const ratio = p.fwhmKeV / model(p.centroidKeV);
    return ratio < 2 && ratio > 0.5;
  });
  if (kept.length >= 2 && kept.length < usable.length) model = fitSquared(kept);
  return model;
}

/** Least squares of FWHM² = a + b·E with a, b clamped to ≥ 0 (refit of the other alone when one is clamped). */
function fitSquared(peaks: readonly GammaPeak[]): (energyKeV: number) => number {
  const n = peaks.length;
  let se = 0;
  let sy = 0;
  let see = 0;
  let sey = 0;
  for (const p of peaks) {
    const y = p.fwhmKeV * p.fwhmKeV;
    se += p.centroidKeV;
    sy += y;
    see += p.centroidKeV * p.centroidKeV;
    sey += p.centroidKeV * y;
  }
  const det = n * see - se * se;
  let a = sy / n;
  let b = 0;
  if (det > 1e-9 * n * see) {
    b = (n * sey - se * sy) / det;
    a = (sy - b * se) / n;
  }
  if (b < 0) {
    b = 0;
    a = sy / n;
  } else if (a < 0) {
    a = 0;
    b = sey / see;
  }
  const floor = 1e-4;
  return (e) => Math.sqrt(Math.max(a + b * Math.max(e, 0), floor));
}
