import type { EmissionLine } from '../lines/emissionLine';
import { ionisationEnergyEv, PLASMA_TABLES } from './partitionFunctions';
import type { StarkMultiplet } from './plasmaTableTypes';

/** Electron-impact Stark broadening of one line at given plasma conditions. */
export interface StarkBroadening {
  /** Lorentzian FWHM (nm). */
  readonly fwhmNm: number;
  /** Line shift (nm, + towards red). */
  readonly shiftNm: number;
  /** Where the number comes from. */
  readonly source: 'STARK-B' | 'Gigosos 2003' | 'hydrogenic estimate';
  /** The STARK-B multiplet label matched (vacuum nm), when `source` is STARK-B. */
  readonly multipletNm?: number;
}

/** Relative tolerance for matching a line to a STARK-B multiplet label. */
export const STARK_MATCH_TOLERANCE = 0.006;

/**
 * Vacuum wavelength (nm) of an air wavelength (Edlén 1966, Metrologia 2, 71: n − 1 =
 * 10⁻⁸·(8342.13 + 2406030/(130 − σ²) + 15997/(38.9 − σ²)), σ in µm⁻¹, dry air 15 °C); NIST lists
 * air wavelengths above 200 nm only, so shorter ones are returned unchanged.
 */
export function airToVacuumNm(wavelengthNm: number): number {
  if (wavelengthNm < 200) return wavelengthNm;
  const sigma2 = (1000 / wavelengthNm) ** 2;
  const n = 1 + 1e-8 * (8342.13 + 2406030 / (130 - sigma2) + 15997 / (38.9 - sigma2));
  return wavelengthNm * n;
}

function interpolateLogLog(x: number, xs: readonly number[], ys: readonly number[]): number {
  if (x <= (xs[0] as number)) return ys[0] as number;
  const n = xs.length;
  if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;
  let i = 1;
  while ((xs[i] as number) < x) i++;
  const x0 = xs[i - 1] as number;
  const x1 = xs[i] as number;
  const y0 = ys[i - 1] as number;
  const y1 = ys[i] as number;
  const f = Math.log(x / x0) / Math.log(x1 / x0);
  if (y0 > 0 && y1 > 0) return y0 * (y1 / y0) ** f;
  return y0 + (y1 - y0) * f;
}

/**
 * The STARK-B multiplet of the line's species whose label is nearest to the line's vacuum
 * wavelength, within {@link STARK_MATCH_TOLERANCE}. The exported labels are gf-weighted vacuum
 * multiplet averages (Ca II 394.63 for H and K, Mg II 279.87 for 279.55/280.27 air), and two
 * multiplets of a species can lie closer than their components (Mg II 279.63 is 3p–3d): the match
 * is by wavelength alone, since neither the export nor EmissionLine carries the terms.
 */
export function matchStarkMultiplet(line: EmissionLine): StarkMultiplet | undefined {
  const multiplets = PLASMA_TABLES.stark[`${line.element} ${line.ion === 1 ? 'I' : 'II'}`];
  if (multiplets === undefined) return undefined;
  const vacuum = airToVacuumNm(line.wavelengthNm);
  let best: StarkMultiplet | undefined;
  let bestDistance = STARK_MATCH_TOLERANCE * vacuum;
  for (const m of multiplets) {
    const distance = Math.abs(m.wavelengthNm - vacuum);
    if (distance <= bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

/** Na I 589 nm resonance multiplet, STARK-B at 10⁴ K and 10¹⁷ cm⁻³: anchor of the estimate (nm). */
const ESTIMATE_ANCHOR_WIDTH_NM = 0.0125;
const ESTIMATE_ANCHOR_WAVELENGTH_NM = 589.18;
/** (n*)⁴ of the Na I 3p level: n*² = 13.606/(5.139 − 2.104). */
const ESTIMATE_ANCHOR_N4 = (13.606 / (5.13907696 - 2.104)) ** 2;
const RYDBERG_EV = 13.605693;

/**
 * Hydrogenic order-of-magnitude Stark FWHM (nm) at 10¹⁷ cm⁻³ for lines without STARK-B data:
 * electron-impact widths scale as λ²·n*⁴ with the upper level's effective quantum number
 * n*² = z²·Ry/(χ − E_k) (Griem, Spectral Line Broadening by Plasmas, 1974), and about as 1/z² for
 * ions (z = ion stage); anchored on Na D. Against STARK-B at 10⁴ K: K I 767 +4 %, Li I 671 +6 %,
 * Mg I 285 +1 %, Ca II 394 +28 % (starkWidths.test.ts). Without E_k: 0.01 nm·(λ/500 nm)²/z².
 */
export function estimatedStarkWidthNm(line: EmissionLine): number {
  const z = line.ion;
  const lambdaFactor = (line.wavelengthNm / ESTIMATE_ANCHOR_WAVELENGTH_NM) ** 2;
  if (line.ekEv === undefined) return (0.01 * (line.wavelengthNm / 500) ** 2) / (z * z);
  let chi: number;
  try {
    chi = ionisationEnergyEv(line.element, z);
  } catch {
    return (0.01 * (line.wavelengthNm / 500) ** 2) / (z * z);
  }
  const binding = Math.max(chi - line.ekEv, 0.3);
  const n4 = ((z * z * RYDBERG_EV) / binding) ** 2;
  return (ESTIMATE_ANCHOR_WIDTH_NM * lambdaFactor * (n4 / ESTIMATE_ANCHOR_N4)) / (z * z);
}

/**
 * Stark FWHM and shift of `line` at electron temperature T (K) and density n_e (cm⁻³):
 * - H Balmer α and β: Gigosos, González & Cardeñoso, Spectrochim. Acta B 58 (2003) 1489 fits
 *   (computer-simulated profiles): FWHM(Hα) = 1.098 nm·(n_e/10²³ m⁻³)^0.67 (optical-notes §3.2),
 *   FWHM(Hβ) = 4.8 nm·(n_e/10²³ m⁻³)^0.68116; treated as Lorentzian, no shift.
 * - STARK-B multiplet ({@link matchStarkMultiplet}): width and shift interpolated log–log in T,
 *   held at the nearest tabulated T outside the table (widths of neutrals vary by ~10 % per decade
 *   of T), scaled linearly with n_e (w = w_tab·n_e/n_tab; ion broadening neglected, < 10 % below
 *   10¹⁷ cm⁻³ for these lines).
 * - otherwise {@link estimatedStarkWidthNm}, scaled linearly with n_e, no shift.
 */
export function starkBroadening(line: EmissionLine, temperatureK: number, electronDensityCm3: number): StarkBroadening {
  if (line.element === 'H' && line.ion === 1) {
    const ratio = electronDensityCm3 / 1e17; // 10²³ m⁻³ = 10¹⁷ cm⁻³
    if (Math.abs(line.wavelengthNm - 656.28) < 0.5) {
      return { fwhmNm: 1.098 * ratio ** 0.67, shiftNm: 0, source: 'Gigosos 2003' };
    }
    if (Math.abs(line.wavelengthNm - 486.13) < 0.5) {
      return { fwhmNm: 4.8 * ratio ** 0.68116, shiftNm: 0, source: 'Gigosos 2003' };
    }
  }
  const multiplet = matchStarkMultiplet(line);
  if (multiplet !== undefined) {
    const scale = electronDensityCm3 / multiplet.electronDensityCm3;
    const width = interpolateLogLog(temperatureK, multiplet.temperaturesK, multiplet.widthNm);
    const shift = interpolateLogLog(temperatureK, multiplet.temperaturesK, multiplet.shiftNm);
    return { fwhmNm: width * scale, shiftNm: shift * scale, source: 'STARK-B', multipletNm: multiplet.wavelengthNm };
  }
  return {
    fwhmNm: estimatedStarkWidthNm(line) * (electronDensityCm3 / 1e17),
    shiftNm: 0,
    source: 'hydrogenic estimate',
  };
}
