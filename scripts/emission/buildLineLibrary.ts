/**
 * Builds `src/domains/emission/lines/lineLibrary.json` (committed) from the two source tables in
 * `scripts/emission/data/` (each with its licence header and the rule that selected its rows):
 * - `nistAsdLines_meteorspectroscopy.tsv`: NIST ASD line exports (air Ritz λ, A_ki, E_i, E_k, g_i,
 *   g_k) from the MIT repository meteorspectroscopy/meteor-spectrum-calibration;
 * - `wisconsinLabLines_cflibs.dat`: Wisconsin laboratory A values (CDS tables) from the MIT
 *   repository TheFermiSea/CF-LIBS-improved.
 * Ionisation energies for the "E_k below the ionisation limit" check come from
 * `../shared/physics/ionization_energies_mendeleev.csv` (MIT, NIST ASD values; PROVENANCE.md §6).
 *
 *   npx tsx scripts/emission/buildLineLibrary.ts          write the JSON
 *   npx tsx scripts/emission/buildLineLibrary.ts --check  exit 1 when the committed JSON differs
 *
 * Every row is checked: its section's g_k·A_ki cut, E_k < ionisation energy, E_k > E_i, and the
 * air wavelength recomputed from the level energies (Edlén 1966 dispersion of standard air, as
 * NIST ASD uses) within 0.005 nm of the tabulated one; Wisconsin rows also their log(gf) against
 * A within 0.03 dex. Output is deterministic: lines sorted by element, ion, wavelength.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmissionLine } from '../../src/domains/emission/lines/emissionLine';
import { splitCsv } from '../lib/splitCsv';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = resolve(root, 'scripts/emission/data');
const nistPath = resolve(dataDir, 'nistAsdLines_meteorspectroscopy.tsv');
const wisconsinPath = resolve(dataDir, 'wisconsinLabLines_cflibs.dat');
const iePath = resolve(root, '../shared/physics/ionization_energies_mendeleev.csv');
const outPath = resolve(root, 'src/domains/emission/lines/lineLibrary.json');

/** cm⁻¹ per eV (CODATA 2018: 1 eV = 8065.543937 cm⁻¹). */
const CM_PER_EV = 8065.543937;

/** Refractive index of standard air at vacuum wavenumber σ (µm⁻¹): Edlén (1966), used by NIST ASD. */
function airIndex(sigmaPerUm: number): number {
  const s2 = sigmaPerUm * sigmaPerUm;
  return 1 + 8.34254e-5 + 2.406147e-2 / (130 - s2) + 1.5998e-4 / (38.9 - s2);
}

/** Air wavelength (nm) of a transition of wavenumber `waveNumber` (cm⁻¹); vacuum below 200 nm. */
function airWavelengthNm(waveNumber: number): number {
  const vacuumNm = 1e7 / waveNumber;
  return vacuumNm < 200 ? vacuumNm : vacuumNm / airIndex(waveNumber / 1e4);
}

interface Section {
  readonly element: string;
  readonly ion: 1 | 2;
  readonly path: string;
  readonly commit: string;
  readonly cut: number;
  readonly rows: { readonly text: string; readonly line: number }[];
}

/** Sections `## species=Fe I; path=…; commit=…; cut=…` and their data rows (comments and headers skipped). */
function readSections(file: string): Section[] {
  const sections: Section[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (text.startsWith('## ')) {
        const fields = Object.fromEntries(
          text
            .slice(3)
            .split(';')
            .map((kv) => kv.trim().split('=') as [string, string]),
        );
        const species = /^([A-Z][a-z]?) (I|II)$/.exec(fields.species ?? '');
        const cut = Number(fields.cut);
        if (!species || !fields.path || !fields.commit || !(cut > 0))
          throw new Error(`${file} line ${i + 1}: bad section header`);
        sections.push({
          element: species[1] as string,
          ion: species[2] === 'I' ? 1 : 2,
          path: fields.path,
          commit: fields.commit,
          cut,
          rows: [],
        });
      } else if (text.trim() !== '' && !text.startsWith('#') && !text.startsWith('ritz_wl_air')) {
        const current = sections.at(-1);
        if (!current) throw new Error(`${file} line ${i + 1}: data before the first section`);
        current.rows.push({ text, line: i + 1 });
      }
    });
  return sections;
}

/** Ionisation energy (eV) of each species `Fe I`, `Ca II` … from the mendeleev table. */
function readIonisationEnergies(): Map<string, number> {
  const lines = readFileSync(iePath, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = splitCsv(lines[0] ?? '');
  const species = header.indexOf('species');
  const energy = header.indexOf('ionization_energy_eV');
  return new Map(
    lines
      .slice(1)
      .map((l) => splitCsv(l))
      .map((f) => [f[species] ?? '', Number(f[energy])]),
  );
}

function num(value: string | undefined, where: string): number {
  const v = Number((value ?? '').replace(/"/g, ''));
  if ((value ?? '').trim() === '' || !Number.isFinite(v)) throw new Error(`${where}: '${value}' is not a number`);
  return v;
}

/** The checks every row passes whatever its source. */
function checkRow(line: EmissionLine, section: Section, ie: number | undefined, where: string): void {
  const { aki = 0, gk = 0, eiEv = 0, ekEv = 0 } = line;
  if (gk * aki < section.cut) throw new Error(`${where}: g_k·A_ki ${gk * aki} below the section's cut`);
  if (!(ekEv > eiEv)) throw new Error(`${where}: E_k not above E_i`);
  if (ie === undefined) throw new Error(`${where}: no ionisation energy for ${section.element} ${section.ion}`);
  if (ekEv >= ie) throw new Error(`${where}: E_k ${ekEv} eV at or above the ionisation energy ${ie} eV`);
  const computed = airWavelengthNm((ekEv - eiEv) * CM_PER_EV);
  if (Math.abs(computed - line.wavelengthNm) > 0.005)
    throw new Error(`${where}: wavelength ${line.wavelengthNm} nm but the levels give ${computed.toFixed(4)} nm`);
}

function nistLine(section: Section, text: string, where: string): EmissionLine {
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

function wisconsinLine(section: Section, text: string, where: string): EmissionLine {
  const t = text.trim().split(/\s+/);
  const lambdaA = num(t[0], where);
  const ek = num(t[1], where);
  const ei = num(t[4], where);
  const gk = 2 * num(t[3], where) + 1;
  const aki = num(t[7], where) * 1e6;
  const loggf = num(t[9], where);
  const vacuumA = 1e8 / (ek - ei);
  const gfFromA = 1.499194e-16 * vacuumA * vacuumA * gk * aki;
  if (Math.abs(Math.log10(gfFromA) - loggf) > 0.03) throw new Error(`${where}: log(gf) ${loggf} disagrees with A`);
  return {
    element: section.element,
    ion: section.ion,
    wavelengthNm: lambdaA / 10,
    aki,
    eiEv: Number((ei / CM_PER_EV).toFixed(7)),
    ekEv: Number((ek / CM_PER_EV).toFixed(7)),
    gk,
    gi: 2 * num(t[6], where) + 1,
    resonance: ei === 0,
    source: 'Wood et al. 2014, ApJS 211, 20 (lab A)',
  };
}

function buildLines(): { lines: EmissionLine[]; sources: string[] } {
  const ie = readIonisationEnergies();
  const lines: EmissionLine[] = [];
  const sources: string[] = [];
  const read = (file: string, repo: string, parse: typeof nistLine): void => {
    for (const section of readSections(file)) {
      sources.push(`${section.element} ${section.ion === 1 ? 'I' : 'II'}: ${repo} ${section.path} @ ${section.commit}`);
      const species = `${section.element} ${section.ion === 1 ? 'I' : 'II'}`;
      for (const row of section.rows) {
        const where = `${file} line ${row.line}`;
        const line = parse(section, row.text, where);
        checkRow(line, section, ie.get(species), where);
        lines.push(line);
      }
    }
  };
  read(nistPath, 'meteorspectroscopy/meteor-spectrum-calibration', nistLine);
  read(wisconsinPath, 'TheFermiSea/CF-LIBS-improved', wisconsinLine);
  lines.sort((a, b) => a.element.localeCompare(b.element, 'en') || a.ion - b.ion || a.wavelengthNm - b.wavelengthNm);
  return { lines, sources };
}

/** The JSON text, laid out as Biome formats it (an object per line, one key per row) so that `biome check` leaves it alone. */
function render(lines: readonly EmissionLine[], sources: readonly string[]): string {
  const header = {
    description:
      'Atomic emission lines (EmissionLine), generated by scripts/emission/buildLineLibrary.ts from scripts/emission/data/; see README.md here.',
    upstream:
      'NIST Atomic Spectra Database (Kramida, Ralchenko, Reader and NIST ASD Team, doi:10.18434/T4W30F); Wood, Lawler, Sneden & Cowan 2014 (ApJS 211, 20)',
    selection:
      'rows with g_k*A_ki >= 5e7 s^-1 (Al, Ca, Mg, Mn, Na, N, O) or >= 1.5e8 s^-1 (Cr, Fe, Ni) and E_k below the ionisation energy; air wavelengths',
  };
  const out: string[] = ['{'];
  for (const [key, value] of Object.entries(header)) out.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  out.push('  "sources": [');
  out.push(sources.map((s) => `    ${JSON.stringify(s)}`).join(',\n'));
  out.push('  ],');
  out.push('  "lines": [');
  out.push(lines.map((line) => JSON.stringify(line, null, 2).replace(/^/gm, '    ')).join(',\n'));
  out.push('  ]');
  out.push('}');
  return `${out.join('\n')}\n`;
}

const { lines, sources } = buildLines();
const text = render(lines, sources);
if (process.argv.includes('--check')) {
  const committed = readFileSync(outPath, 'utf8');
  if (committed !== text) {
    console.error('lineLibrary.json is out of date: run npx tsx scripts/emission/buildLineLibrary.ts');
    process.exit(1);
  }
  console.log(`lineLibrary.json up to date (${lines.length} lines)`);
} else {
  writeFileSync(outPath, text);
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(`${l.element} ${l.ion}`, (counts.get(`${l.element} ${l.ion}`) ?? 0) + 1);
  console.log(`wrote ${outPath}: ${lines.length} lines`, Object.fromEntries(counts));
}
