/**
 * Builds `src/domains/emission/lines/lineLibrary.json` (committed) from the source tables in
 * `scripts/emission/data/` (each with its licence header and the rule that selected its rows; readers
 * in `lineSources.ts`):
 * - `nistAsdLines_meteorspectroscopy.tsv`: NIST ASD line exports (air Ritz λ, A_ki, E_i, E_k, g_i, g_k)
 *   from the MIT repository meteorspectroscopy/meteor-spectrum-calibration;
 * - `wisconsinLabLines_cflibs.dat`: Wisconsin laboratory A values (Ni I, V I, Ti I, Ti II; CDS/AAS
 *   tables) from the MIT repository TheFermiSea/CF-LIBS-improved;
 * - `stoutLevelsLines_cloudy.dat`: NIST ASD levels and A values as stored by Cloudy's Stout database
 *   (Cu I, Co I, Li I, K I, Si I, C I, Ar I, Mg II, Cr II), zlib repository cloudy-astrophysics/cloudy_lfs;
 * - `nistAsdHydrogen_spectools.csv`: NIST ASD CSV export of H I (Balmer lines), MIT repository
 *   michaeljennings11/spectools;
 * - `ionisationEnergies_plasmapy.txt`: NIST ASD ionisation energies (BSD-3 PlasmaPy) for the E_k check.
 *
 *   npx tsx scripts/emission/buildLineLibrary.ts          write the JSON
 *   npx tsx scripts/emission/buildLineLibrary.ts --check  exit 1 when the committed JSON differs
 *
 * Every row is checked: its section's selection rule (g_k·A_ki ≥ cut, A_ki ≥ minA or log gf ≥ minLogGf,
 * and the wavelength range `nm` where given), E_k > E_i, E_k below the ionisation energy, and the air
 * wavelength recomputed from the level energies (Edlén 1966 dispersion of standard air, as NIST ASD
 * uses) within 0.005 nm of the tabulated one (for Stout rows, which tabulate no wavelength, this holds
 * by construction; their g = 2J + 1 is checked instead); Wisconsin rows also their log(gf) against A
 * within 0.03 dex. Output is deterministic: lines sorted by element, ion, wavelength.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmissionLine } from '../../src/domains/emission/lines/emissionLine';
import {
  airWavelengthNm,
  CM_PER_EV,
  nistCsvLine,
  nistTsvLine,
  readIonisationEnergies,
  readSections,
  type Section,
  type SourcedLine,
  speciesOf,
  stoutLines,
  wisconsinLine,
} from './lineSources';

const root = fileURLToPath(new URL('../..', import.meta.url));
const data = (name: string): string => resolve(root, 'scripts/emission/data', name);
const outPath = resolve(root, 'src/domains/emission/lines/lineLibrary.json');

/** A parser of one row of a source table. */
type RowParser = (section: Section, text: string, where: string) => EmissionLine;

/** A section's lines when each row is one line. */
const byRow =
  (parse: RowParser) =>
  (section: Section): SourcedLine[] =>
    section.rows.map((r) => ({ line: parse(section, r.text, r.where), where: r.where }));

/** The source tables: file, repository, and how a section becomes lines. */
const SOURCES: readonly { file: string; repo: string; lines: (section: Section) => SourcedLine[] }[] = [
  {
    file: 'nistAsdLines_meteorspectroscopy.tsv',
    repo: 'meteorspectroscopy/meteor-spectrum-calibration',
    lines: byRow(nistTsvLine),
  },
  { file: 'wisconsinLabLines_cflibs.dat', repo: 'TheFermiSea/CF-LIBS-improved', lines: byRow(wisconsinLine) },
  { file: 'stoutLevelsLines_cloudy.dat', repo: 'cloudy-astrophysics/cloudy_lfs', lines: stoutLines },
  { file: 'nistAsdHydrogen_spectools.csv', repo: 'michaeljennings11/spectools', lines: byRow(nistCsvLine) },
];

/** The checks every row passes whatever its source. */
function checkRow(line: EmissionLine, section: Section, ie: number | undefined, where: string): void {
  const { aki = 0, gk = 0, eiEv = 0, ekEv = 0 } = line;
  const { cut, minA, nm } = section.fields;
  if (cut !== undefined && gk * aki < Number(cut)) throw new Error(`${where}: g_k·A_ki ${gk * aki} below the cut`);
  if (minA !== undefined && aki < Number(minA)) throw new Error(`${where}: A_ki ${aki} below the section's minA`);
  const [lo, hi] = (nm ?? '0-1e9').split('-').map(Number) as [number, number];
  if (!(line.wavelengthNm >= lo && line.wavelengthNm <= hi))
    throw new Error(`${where}: outside the section's ${nm} nm`);
  if (!(ekEv > eiEv)) throw new Error(`${where}: E_k not above E_i`);
  if (ie === undefined) throw new Error(`${where}: no ionisation energy for ${speciesOf(section)}`);
  if (ekEv >= ie) throw new Error(`${where}: E_k ${ekEv} eV at or above the ionisation energy ${ie} eV`);
  const computed = airWavelengthNm((ekEv - eiEv) * CM_PER_EV);
  if (Math.abs(computed - line.wavelengthNm) > 0.005)
    throw new Error(`${where}: wavelength ${line.wavelengthNm} nm but the levels give ${computed.toFixed(4)} nm`);
}

function buildLines(): { lines: EmissionLine[]; sources: string[] } {
  const ie = readIonisationEnergies(data('ionisationEnergies_plasmapy.txt'));
  const lines: EmissionLine[] = [];
  const sources: string[] = [];
  for (const source of SOURCES) {
    for (const section of readSections(data(source.file))) {
      const { path, commit } = section.fields;
      sources.push(`${speciesOf(section)}: ${source.repo} ${path} @ ${commit}`);
      for (const { line, where } of source.lines(section)) {
        checkRow(line, section, ie.get(speciesOf(section)), where);
        lines.push(line);
      }
    }
  }
  lines.sort((a, b) => a.element.localeCompare(b.element, 'en') || a.ion - b.ion || a.wavelengthNm - b.wavelengthNm);
  return { lines, sources };
}

/** The JSON text, laid out as Biome formats it (an object per line, one key per row) so that `biome check` leaves it alone. */
function render(lines: readonly EmissionLine[], sources: readonly string[]): string {
  const header = {
    description:
      'Atomic emission lines (EmissionLine), generated by scripts/emission/buildLineLibrary.ts from scripts/emission/data/; see README.md here.',
    upstream:
      'NIST Atomic Spectra Database (Kramida, Ralchenko, Reader and NIST ASD Team, doi:10.18434/T4W30F), partly as stored by Cloudy Stout (Lykins et al. 2015, ApJ 807, 118); Wisconsin laboratory A values: Wood et al. 2014 (ApJS 211, 20), Lawler et al. 2014 (ApJS 215, 20), Lawler et al. 2013 (ApJS 205, 11), Wood et al. 2013 (ApJS 208, 27)',
    selection:
      'per source section (scripts/emission/data): g_k*A_ki, A_ki or log gf cuts, wavelength range, E_k below the ionisation energy; air wavelengths above 200 nm',
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
  for (const l of lines) counts.set(speciesOf(l), (counts.get(speciesOf(l)) ?? 0) + 1);
  console.log(`wrote ${outPath}: ${lines.length} lines`, Object.fromEntries(counts));
}
