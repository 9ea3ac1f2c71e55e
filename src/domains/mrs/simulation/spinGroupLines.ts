import { densityMatrixLines, type SequenceEvent, type SpectralLines } from './densityMatrixLines';
import type { SpinGroup } from './spinSystemTypes';

/** Options of {@link spinGroupLines}. */
export interface SpinGroupLineOptions {
  /** Spectrometer (¹H Larmor) frequency, MHz = Hz per ppm. */
  readonly spectrometerFrequencyMHz: number;
  /** Chemical shift of the rotating frame (centre of the spectral window), ppm. */
  readonly centrePpm: number;
  /**
   * Include the ¹H–³¹P couplings of the group (default true). ³¹P is not touched by ¹H pulses and
   * the coupling is weak (heteronuclear), so its I_z·S_z term shifts each coupled ¹H by ±J/2 for
   * the two ³¹P states: the signal is the average of the simulations at m_P = +½ and −½ (exact).
   * ¹⁴N couplings are always left out: ¹⁴N (spin 1) relaxes fast by its quadrupole moment, which
   * self-decouples it from ¹H (couplings in the table ≤ 2.8 Hz, not resolved in vivo).
   */
  readonly phosphorusCoupling?: boolean;
}

/**
 * Lines of one spin group under an ideal sequence, times the group's `scale`. The group is split
 * into connected parts of its J graph (spins that do not couple evolve independently, so their
 * signals add exactly) and identical parts are simulated once: the nine methyl ¹H of PCho are one
 * spin counted nine times, and the biggest system left in the table is Val (8 coupled spins).
 * Amplitudes: each ¹H gives 1 at t = 0 after an ideal 90° (see `densityMatrixLines`).
 */
export function spinGroupLines(
  group: SpinGroup,
  events: readonly SequenceEvent[],
  options: SpinGroupLineOptions,
): SpectralLines {
  const n = group.shiftsPpm.length;
  const phosphorus =
    options.phosphorusCoupling === false ? [] : (group.heteronuclei ?? []).filter((h) => h.isotope === '31P');
  const parts = connectedParts(group.jHz, n);
  const counts = new Map<string, { spins: number[]; count: number }>();
  for (const spins of parts) {
    const signature = JSON.stringify([
      spins.map((k) => group.shiftsPpm[k]),
      spins.map((k) => spins.map((l) => (group.jHz[k] as number[])[l])),
      phosphorus.map((h) => spins.map((k) => h.jHz[k])),
    ]);
    const entry = counts.get(signature);
    if (entry === undefined) counts.set(signature, { spins, count: 1 });
    else entry.count++;
  }
  const out: SpectralLines = { frequencyHz: [], re: [], im: [] };
  const cf = options.spectrometerFrequencyMHz;
  for (const { spins, count } of counts.values()) {
    const jPart = spins.map((k) => spins.map((l) => (group.jHz[k] as number[])[l] as number));
    const base = spins.map((k) => ((group.shiftsPpm[k] as number) - options.centrePpm) * cf);
    const states = 1 << phosphorus.length;
    for (let state = 0; state < states; state++) {
      const offsets = base.map((hz, i) => {
        let shifted = hz;
        phosphorus.forEach((h, p) => {
          const m = (state >> p) & 1 ? -0.5 : 0.5;
          shifted += m * (h.jHz[spins[i] as number] as number);
        });
        return shifted;
      });
      const lines = densityMatrixLines(offsets, jPart, events);
      const weight = (group.scale * count) / states;
      lines.frequencyHz.forEach((f, i) => {
        out.frequencyHz.push(f);
        out.re.push((lines.re[i] as number) * weight);
        out.im.push((lines.im[i] as number) * weight);
      });
    }
  }
  return out;
}

/** Connected components of the graph "J ≠ 0", each as ascending spin indices. */
function connectedParts(jHz: readonly (readonly number[])[], n: number): number[][] {
  const seen = new Array<boolean>(n).fill(false);
  const parts: number[][] = [];
  for (let start = 0; start < n; start++) {
    if (seen[start]) continue;
    const part: number[] = [];
    const stack = [start];
    seen[start] = true;
    while (stack.length > 0) {
      const k = stack.pop() as number;
      part.push(k);
      for (let l = 0; l < n; l++) {
        if (!seen[l] && (jHz[k] as number[])[l] !== 0) {
          seen[l] = true;
          stack.push(l);
        }
      }
    }
    parts.push(part.sort((a, b) => a - b));
  }
  return parts;
}
