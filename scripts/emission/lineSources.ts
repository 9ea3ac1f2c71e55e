/**
 * Readers of the source tables in `scripts/emission/data/` for `buildLineLibrary.ts`: the section
 * format they share (`## species=Fe I; path=…; commit=…; <rule>=…` headers above verbatim rows), one
 * row parser per upstream format, and the ionisation-energy excerpt. Each parser throws (plain Error:
 * a build script, not the app) with the file and line of the row it rejects.
 */
import { readFileSync } from 'node:fs';
import type { EmissionLine } from '../../src/domains/emission/lines/emissionLine';
import { splitCsv } from '../lib/splitCsv';

/** cm⁻¹ per eV (CODATA 2018: 1 eV = 8065.543937 cm⁻¹). */
export const CM_PER_EV = 8065.543937;

/** Refractive index of standard air at vacuum wavenumber σ (µm⁻¹): Edlén (1966), used by NIST ASD. */
function airIndex(sigmaPerUm: number): number {
  const s2 = sigmaPerUm * sigmaPerUm;
  return 1 + 8.34254e-5 + 2.406147e-2 / (130 - s2) + 1.5998e-4 / (38.9 - s2);
}

/** Air wavelength (nm) of a transition of wavenumber `waveNumber` (cm⁻¹); vacuum below 200 nm (ASD convention). */
export function airWavelengthNm(waveNumber: number): number {
  const vacuumNm = 1e7 / waveNumber;
  return vacuumNm < 200 ? vacuumNm : vacuumNm / airIndex(waveNumber / 1e4);
}

/** One `## …` section of a source table: species, provenance, selection rule and its data rows. */
export interface Section {
  readonly element: string;
  readonly ion: 1 | 2;
  /** The header's `key=value` fields (path, commit, cut, minA, minLogGf, nm, ref, nist). */
  readonly fields: Readonly<Record<string, string>>;
  readonly rows: { readonly text: string; readonly where: string }[];
}

/** A line parsed from a row, with `where` (file and line) for the build's error messages. */
export interface SourcedLine {
  readonly line: EmissionLine;
  readonly where: string;
}

/** Sections `## species=Fe I; path=…; commit=…; …` and their data rows (`#` comments and column headers skipped). */
export function readSections(file: string): Section[] {
  const sections: Section[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((text, i) => {
      const where = `${file} line ${i + 1}`;
      if (text.startsWith('## ')) {
        const fields = Object.fromEntries(
          text
            .slice(3)
            .split(';')
            .map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1).trim()]),
        );
        const species = /^([A-Z][a-z]?) (I|II)$/.exec(fields.species ?? '');
        const rules = ['cut', 'minA', 'minLogGf'].filter((k) => fields[k] !== undefined);
        if (!species || !fields.path || !fields.commit || rules.length !== 1)
          throw new Error(`${where}: bad section header`);
        sections.push({ element: species[1] as string, ion: species[2] === 'I' ? 1 : 2, fields, rows: [] });
      } else if (text.trim() !== '' && !text.startsWith('#') && !text.startsWith('ritz_wl')) {
        const current = sections.at(-1);
        if (!current) throw new Error(`${where}: data before the first section`);
        current.rows.push({ text, where });
      }
    });
  return sections;
}

/** `Fe I`, `Ca II` … */
export function speciesOf(section: Pick<Section, 'element' | 'ion'>): string {
  return `${section.element} ${section.ion === 1 ? 'I' : 'II'}`;
}

/** Ionisation energy (eV) of each species `Fe I`, `Ca II` … from the PlasmaPy JSON excerpt (`"Ca 1+"` is Ca II). */
export function readIonisationEnergies(file: string): Map<string, number> {
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, number>();
  for (const m of text.matchAll(/"([A-Z][a-z]?)( 1\+)?": \{\s*"ionization energy": ([0-9.]+)\s*\}/g))
    out.set(`${m[1]} ${m[2] ? 'II' : 'I'}`, Number(m[3]));
  return out;
}

function num(value: string | undefined, where: string): number {
  const v = Number((value ?? '').replace(/"/g, ''));
  if ((value ?? '').trim() === '' || !Number.isFinite(v)) throw new Error(`${where}: '${value}' is not a number`);
  return v;
}

/** Statistical weight 2J + 1 of a J written `2`, `5/2` or at the end of a level label (`2P*3/2`, `2[5/2]3`). */
function weightOfJ(label: string, where: string): number {
  const m = /(\d+)(\/2)?\??$/.exec(label.trim());
  if (!m) throw new Error(`${where}: no J in '${label}'`);
  return m[2] ? Number(m[1]) + 1 : 2 * Number(m[1]) + 1;
}

/** Tab-separated NIST ASD export row: air Ritz λ (nm), A_ki, accuracy, E_i, E_k (eV), g_i, g_k. */
export function nistTsvLine(section: Section, text: string, where: string): EmissionLine {
  const f = text.split('\t');
  const gi = /^\d+/.exec(f[5] ?? '');
  if (!gi) throw new Error(`${where}: g_i '${f[5]}'`);
  const eiEv = num(f[3], where);
  return {
    element: section.element,
    ion: section.ion,
    wavelengthNm: num(f[0], where),
    aki: num(f[1], where),
    eiEv,
    ekEv: num(f[4], where),
    gk: num(f[6], where),
    gi: Number(gi[0]),
    resonance: eiEv === 0,
    source: `NIST ASD (acc. ${f[2]})`,
  };
}

/**
 * Wisconsin CDS/MRT row: λ_air (Å), E_u (cm⁻¹), [parity], J_u, E_l, [parity], J_l, A (10⁶ s⁻¹), δA,
 * log gf — 10 fields with parities (Ni I, V I), 8 without (Ti I, Ti II). Checks log gf against A
 * (gf = 1.499194e-16 λ_vac² g_k A, λ in Å) within 0.03 dex and the section's minLogGf.
 */
export function wisconsinLine(section: Section, text: string, where: string): EmissionLine {
  const t = text.trim().split(/\s+/);
  const c = t.length === 10 ? [0, 1, 3, 4, 6, 7, 9] : t.length === 8 ? [0, 1, 2, 3, 4, 5, 7] : undefined;
  if (!c) throw new Error(`${where}: ${t.length} fields, expected 8 or 10`);
  const [lambdaA, ek, ju, ei, jl, a, loggf] = c.map((k) => num(t[k], where)) as [number, ...number[]];
  const gk = 2 * (ju as number) + 1;
  const aki = (a as number) * 1e6;
  const vacuumA = 1e8 / ((ek as number) - (ei as number));
  const gfFromA = 1.499194e-16 * vacuumA * vacuumA * gk * aki;
  if (Math.abs(Math.log10(gfFromA) - (loggf as number)) > 0.03)
    throw new Error(`${where}: log(gf) ${loggf} disagrees with A`);
  const minLogGf = section.fields.minLogGf;
  if (minLogGf !== undefined && (loggf as number) < Number(minLogGf))
    throw new Error(`${where}: log(gf) ${loggf} below the section's minLogGf`);
  return {
    element: section.element,
    ion: section.ion,
    wavelengthNm: Number((lambdaA / 10).toFixed(5)),
    aki,
    eiEv: Number(((ei as number) / CM_PER_EV).toFixed(7)),
    ekEv: Number(((ek as number) / CM_PER_EV).toFixed(7)),
    gk,
    gi: 2 * (jl as number) + 1,
    resonance: ei === 0,
    source: `${section.fields.ref ?? 'Wisconsin'} (lab A)`,
  };
}

/** `="10.19880615024"` or `="[13.2207]"` (ASD's spreadsheet quoting; [] theoretical, () derived) → its text. */
function asdCell(cell: string | undefined): string {
  return (cell ?? '')
    .replace(/^="?/, '')
    .replace(/"$/, '')
    .replace(/^[[(]/, '')
    .replace(/[\])]$/, '');
}

/** NIST ASD CSV export row (spectools): vacuum Ritz λ (Å), A_ki, f_ik, accuracy, E_i, E_k (eV), conf/term/J of both levels. */
export function nistCsvLine(section: Section, text: string, where: string): EmissionLine {
  const f = splitCsv(text).map(asdCell);
  if (!f[8] || !f[11]) throw new Error(`${where}: not a resolved fine-structure component (no J)`);
  const vacuumNm = num(f[0], where) / 10;
  const eiEv = num(f[4], where);
  return {
    element: section.element,
    ion: section.ion,
    wavelengthNm: Number(airWavelengthNm(1e7 / vacuumNm).toFixed(5)),
    aki: num(f[1], where),
    eiEv,
    ekEv: num(f[5], where),
    gk: weightOfJ(f[11], where),
    gi: weightOfJ(f[8], where),
    resonance: eiEv === 0,
    source: `NIST ASD (acc. ${f[3]})`,
  };
}

/**
 * Cloudy Stout section: level rows (index, E cm⁻¹, g, "label") and E1 transition rows (`A`, lower,
 * upper, A s⁻¹). The wavelength is the Ritz one from the levels; g must equal 2J + 1 of the label and
 * every level row must be used by a transition.
 */
export function stoutLines(section: Section): SourcedLine[] {
  const levels = new Map<number, { e: number; g: number; used: boolean; where: string }>();
  const out: SourcedLine[] = [];
  for (const { text, where } of section.rows.filter((r) => /^\d/.test(r.text))) {
    const f = text.split('\t');
    const g = num(f[2], where);
    if (g !== weightOfJ((f[3] ?? '').replace(/"/g, ''), where)) throw new Error(`${where}: g ${g} is not 2J + 1`);
    levels.set(num(f[0], where), { e: num(f[1], where), g, used: false, where });
  }
  for (const { text, where } of section.rows.filter((r) => !/^\d/.test(r.text))) {
    const f = text.split('\t');
    if (f[0] !== 'A' || (f[4] ?? '') !== '') throw new Error(`${where}: not an E1 Einstein-A row`);
    const lower = levels.get(num(f[1], where));
    const upper = levels.get(num(f[2], where));
    if (!lower || !upper) throw new Error(`${where}: level row missing from the section`);
    lower.used = upper.used = true;
    out.push({
      where,
      line: {
        element: section.element,
        ion: section.ion,
        wavelengthNm: Number(airWavelengthNm(upper.e - lower.e).toFixed(4)),
        aki: num(f[3], where),
        eiEv: Number((lower.e / CM_PER_EV).toFixed(7)),
        ekEv: Number((upper.e / CM_PER_EV).toFixed(7)),
        gk: upper.g,
        gi: lower.g,
        resonance: lower.e === 0,
        source: `NIST ASD ${section.fields.nist ?? ''} via Cloudy Stout`,
      },
    });
  }
  for (const level of levels.values()) if (!level.used) throw new Error(`${level.where}: level used by no transition`);
  return out;
}
