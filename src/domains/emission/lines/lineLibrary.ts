import { WorkbenchError } from '../../../core';
import type { EmissionLine } from './emissionLine';
import libraryJson from './lineLibrary.json';

let cache: readonly EmissionLine[] | undefined;

/** Shape check of one line of the shipped JSON (it is generated, so a failure is a build bug). */
function checkedLine(raw: unknown, index: number, previous: EmissionLine | undefined): EmissionLine {
  const fail = (what: string): never => {
    throw new WorkbenchError('INTERNAL', `lineLibrary.json line ${index}: ${what}`);
  };
  const l = raw as Partial<Record<keyof EmissionLine, unknown>>;
  if (typeof l.element !== 'string' || !/^[A-Z][a-z]?$/.test(l.element)) fail(`bad element ${String(l.element)}`);
  if (l.ion !== 1 && l.ion !== 2) fail(`bad ion stage ${String(l.ion)}`);
  if (typeof l.wavelengthNm !== 'number' || !(l.wavelengthNm > 100 && l.wavelengthNm < 2000)) fail('bad wavelength');
  for (const key of ['aki', 'eiEv', 'ekEv', 'gk', 'gi'] as const) {
    const v = l[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${key} is not a non-negative number`);
  }
  if (!((l.ekEv as number) > (l.eiEv as number))) fail('E_k not above E_i');
  if (typeof l.resonance !== 'boolean' || typeof l.source !== 'string' || l.source === '')
    fail('no resonance flag or source');
  const line = raw as EmissionLine;
  if (
    previous &&
    (previous.element.localeCompare(line.element, 'en') ||
      previous.ion - line.ion ||
      previous.wavelengthNm - line.wavelengthNm) > 0
  )
    fail('lines not sorted by element, ion, wavelength');
  return Object.freeze(line);
}

/**
 * The shipped emission-line library: {@link EmissionLine}s sorted by element, ion stage and air
 * wavelength, with A_ki, E_i, E_k, g_i, g_k for every line — 1112 lines of 20 elements (Al, Ar, C,
 * Ca, Co, Cr, Cu, Fe, H, K, Li, Mg, Mn, N, Na, Ni, O, Si, Ti, V; ion II of Ca, Cr, Mg, Ti). Numbers
 * from NIST ASD (Kramida, Ralchenko, Reader and NIST ASD Team) — line exports and Cloudy's Stout
 * copies of ASD levels and A values (Lykins et al. 2015) — and the Wisconsin laboratory A values
 * for Ni I, V I, Ti I, Ti II (Wood et al. 2014; Lawler et al. 2014, 2013; Wood et al. 2013), each
 * redistributed under MIT, BSD or zlib terms by the repositories named in `README.md` here, which
 * also gives the selection cuts and what is missing (Zn, Pb, Sn, Sr, Ba, Cd). Built by
 * `scripts/emission/buildLineLibrary.ts`.
 */
export function lineLibrary(): readonly EmissionLine[] {
  if (cache === undefined) {
    const out: EmissionLine[] = [];
    libraryJson.lines.forEach((raw: unknown, i: number) => {
      out.push(checkedLine(raw, i, out.at(-1)));
    });
    cache = Object.freeze(out);
  }
  return cache;
}

/** The elements present in the library, in alphabetical order. */
export function libraryElements(): readonly string[] {
  return [...new Set(lineLibrary().map((l) => l.element))];
}

/** The library lines of `element` (symbol, e.g. `Fe`), optionally of one ion stage only, sorted by wavelength. */
export function linesOf(element: string, ion?: 1 | 2): readonly EmissionLine[] {
  return lineLibrary().filter((l) => l.element === element && (ion === undefined || l.ion === ion));
}
