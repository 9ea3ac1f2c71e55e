import type { BinaryReader } from '../../../formats/binaryReader';

/** (energy keV, offset keV) pairs of one detector. */
export type DeviationPairs = readonly (readonly [number, number])[];

/** Bytes of the deviation-pair block of a PCF file (after the `DeviationPairsInFile` record). */
export const PCF_DEVIATION_BYTES = 20_480;

/** The deviation pairs of a PCF file, looked up per detector name. */
export interface PcfDeviationPairs {
  /**
   * Pairs of the detector named like `Aa1` (panel letter A–H, column letter a–d, MCA 1–8), or of
   * the first slot for a spectrum without such a name (SpecUtils gives an unnamed detector the
   * first slot no named detector uses; with one detector that is the first slot). Trailing
   * all-zero pairs are dropped; `undefined` when the slot does not exist in this layout.
   */
  forDetector(name: string | undefined): DeviationPairs | undefined;
}

/**
 * Reads the deviation-pair block of a PCF file at `offset` [V: SpecUtils src/SpecFile_pcf.cpp
 * `load_from_pcf`; PyRIID reads the same 5120 floats]: 20480 bytes holding, for each column
 * (2 as float32, or 4 as int16 in the `…Compressed` variant) × 8 panels × 8 MCAs, 20 pairs of
 * (energy, offset). The slot of detector `Xyn` is column y (a–d), panel X (A–H), MCA n (1–8),
 * as SpecUtils' `pcf_det_name_to_dev_pair_index` computes it.
 */
export function pcfDeviationPairs(r: BinaryReader, offset: number, compressed: boolean): PcfDeviationPairs {
  r.require(offset, PCF_DEVIATION_BYTES, 'the deviation pairs');
  const size = compressed ? 2 : 4;
  const columns = compressed ? 4 : 2;
  const value = (at: number) => (compressed ? r.int16(at, 'a deviation pair') : r.float32(at, 'a deviation pair'));
  return {
    forDetector(name) {
      const match = name === undefined ? null : /^([A-H])([a-d])([1-8])$/.exec(name);
      const [panel, column, mca] =
        match === null
          ? [0, 0, 0]
          : [(match[1] as string).charCodeAt(0) - 65, (match[2] as string).charCodeAt(0) - 97, Number(match[3]) - 1];
      if (column >= columns) return undefined;
      const at = offset + size * 40 * (column * 64 + panel * 8 + mca);
      const pairs: [number, number][] = [];
      let kept = 0;
      for (let k = 0; k < 20; k++) {
        const pair: [number, number] = [value(at + size * 2 * k), value(at + size * (2 * k + 1))];
        pairs.push(pair);
        if (pair[0] !== 0 || pair[1] !== 0) kept = k + 1;
      }
      return pairs.slice(0, kept);
    },
  };
}
