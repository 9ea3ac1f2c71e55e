/**
 * Builds `src/domains/gamma/nuclides/nuclideLibrary.json` (committed) from the LNHB/DDEP photon
 * table `../shared/physics/gamma_lines_lnhb_lara.csv` (PROVENANCE.md §1: LNHB "Lara" files as
 * redistributed by ehsteve/roentgen, Apache-2.0; intensities per decay of each nuclide, chain
 * branchings not applied).
 *
 *   npx tsx scripts/gamma/buildNuclideLibrary.ts          write the JSON
 *   npx tsx scripts/gamma/buildNuclideLibrary.ts --check  exit 1 when the committed JSON differs
 *
 * Which nuclides, which short-lived progeny are folded into their parent and every branching
 * ratio used for a chain are in `nuclideLibrarySpec.ts` beside this script, each with its source.
 * Output is deterministic: entries sorted by name, lines by energy then emitter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Nuclide, NuclideLine } from '../../src/domains/gamma/nuclides/nuclide';
import { splitCsv } from '../lib/splitCsv';
import { type EntrySpec, LIBRARY_SPEC, MIN_GAMMA_PCT, MIN_XRAY_PCT } from './nuclideLibrarySpec';

const root = fileURLToPath(new URL('../..', import.meta.url));
const csvPath = resolve(root, '../shared/physics/gamma_lines_lnhb_lara.csv');
const outPath = resolve(root, 'src/domains/gamma/nuclides/nuclideLibrary.json');

/** One photon row of the CSV. */
interface CsvRow {
  readonly nuclide: string;
  readonly kind: NuclideLine['kind'];
  readonly energyKeV: number;
  readonly intensityPct: number;
  readonly halfLifeS: number;
  readonly reference: string;
}

/** The photon kind from `photon_type`, cross-checked against `lara_type` (g, g511, XK…/XL…). */
function kindOf(photonType: string, laraType: string, where: string): NuclideLine['kind'] {
  const kind =
    photonType === 'gamma'
      ? 'gamma'
      : photonType === 'X-ray'
        ? 'x-ray'
        : photonType === 'annihilation'
          ? 'annihilation'
          : undefined;
  const expected =
    laraType === 'g' ? 'gamma' : laraType === 'g511' ? 'annihilation' : laraType.startsWith('X') ? 'x-ray' : undefined;
  if (kind === undefined || kind !== expected)
    throw new Error(`${where}: photon_type '${photonType}' / lara_type '${laraType}'`);
  return kind;
}

function readCsv(path: string): CsvRow[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsv(lines[0] ?? '');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column '${name}'`);
    return i;
  };
  const c = {
    nuclide: col('nuclide'),
    type: col('photon_type'),
    energy: col('energy_keV'),
    intensity: col('intensity_pct_per_decay'),
    lara: col('lara_type'),
    halfLife: col('half_life_s'),
    ref: col('lnhb_evaluation_ref'),
  };
  return lines.slice(1).map((line, i) => {
    const f = splitCsv(line);
    const where = `${path} line ${i + 2}`;
    const num = (index: number): number => {
      const v = Number(f[index]);
      if (!Number.isFinite(v) || (f[index] ?? '').trim() === '')
        throw new Error(`${where}: '${f[index]}' is not a number`);
      return v;
    };
    return {
      nuclide: f[c.nuclide] ?? '',
      kind: kindOf(f[c.type] ?? '', f[c.lara] ?? '', where),
      energyKeV: num(c.energy),
      intensityPct: num(c.intensity),
      halfLifeS: num(c.halfLife),
      reference: f[c.ref] ?? '',
    };
  });
}

/** Keeps 5 significant digits of a product (a branching times a tabulated intensity). */
function round5(x: number): number {
  return Number(x.toPrecision(5));
}

function keepLine(kind: NuclideLine['kind'], intensityPct: number): boolean {
  return kind === 'x-ray' ? intensityPct >= MIN_XRAY_PCT : intensityPct >= MIN_GAMMA_PCT;
}

/** One library entry: the parent's and each member's rows, scaled by the member's branching. */
function buildEntry(spec: EntrySpec, rows: readonly CsvRow[]): Nuclide {
  const parent = spec.members[0];
  if (parent === undefined) throw new Error(`${spec.name}: no members`);
  const lines: NuclideLine[] = [];
  const references: string[] = [];
  for (const member of spec.members) {
    const own = rows.filter((r) => r.nuclide === member.nuclide);
    if (own.length === 0) throw new Error(`${spec.name}: ${member.nuclide} is not in the CSV`);
    references.push(`${member.nuclide} ${(own[0] as CsvRow).reference}`);
    for (const r of own) {
      const intensityPct = member.branching === 1 ? r.intensityPct : round5(r.intensityPct * member.branching);
      if (!keepLine(r.kind, intensityPct)) continue;
      const line: NuclideLine = { energyKeV: r.energyKeV, intensityPct, kind: r.kind };
      lines.push(member.nuclide === parent.nuclide ? line : { ...line, emitter: member.nuclide });
    }
  }
  lines.sort((a, b) => a.energyKeV - b.energyKeV || (a.emitter ?? '').localeCompare(b.emitter ?? '', 'en'));
  const parentRow = rows.find((r) => r.nuclide === parent.nuclide) as CsvRow;
  const chainMembers = spec.members.slice(1).map((m) => m.nuclide);
  return {
    name: spec.name,
    halfLifeS: parentRow.halfLifeS,
    category: spec.category,
    lines,
    ...(chainMembers.length > 0 ? { chainMembers } : {}),
    source: `LNHB/DDEP Lara (${references.join('; ')})`,
  };
}

/** The JSON text, one line per photon line so that diffs stay readable. */
function render(entries: readonly Nuclide[]): string {
  const header = {
    description:
      'Photon lines per 100 decays of the parent (chain branchings applied), generated by scripts/gamma/buildNuclideLibrary.ts; see README.md here.',
    upstream:
      'LNHB/DDEP recommended data (Laboratoire National Henri Becquerel, Lara library; Bé et al., Monographie BIPM-5)',
    redistributedBy: 'ehsteve/roentgen @ cb3c8f5dfcd242aaf5b27b6ff693dd5235a86269, roentgen/data/lara (Apache-2.0)',
    selection: `gamma and annihilation >= ${MIN_GAMMA_PCT} %, X-ray >= ${MIN_XRAY_PCT} % per decay of the parent`,
  };
  const out: string[] = ['{'];
  for (const [key, value] of Object.entries(header)) out.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  out.push('  "nuclides": [');
  entries.forEach((entry, i) => {
    out.push('    {');
    out.push(`      "name": ${JSON.stringify(entry.name)},`);
    out.push(`      "halfLifeS": ${JSON.stringify(entry.halfLifeS)},`);
    out.push(`      "category": ${JSON.stringify(entry.category)},`);
    if (entry.chainMembers)
      out.push(`      "chainMembers": ${JSON.stringify(entry.chainMembers).replaceAll(',', ', ')},`);
    out.push(`      "source": ${JSON.stringify(entry.source)},`);
    const lines = entry.lines.map((line) => {
      const fields = [
        `"energyKeV": ${line.energyKeV}`,
        `"intensityPct": ${line.intensityPct}`,
        `"kind": "${line.kind}"`,
      ];
      if (line.emitter !== undefined) fields.push(`"emitter": "${line.emitter}"`);
      return `{ ${fields.join(', ')} }`;
    });
    // A one-element array that fits the line width stays on one line (what Biome's formatter does).
    const inline = `      "lines": [${lines[0]}]`;
    if (lines.length === 1 && inline.length <= 120) out.push(inline);
    else
      out.push('      "lines": [', ...lines.map((l, j) => `        ${l}${j < lines.length - 1 ? ',' : ''}`), '      ]');
    out.push(`    }${i < entries.length - 1 ? ',' : ''}`);
  });
  out.push('  ]', '}', '');
  return out.join('\n');
}

function main(args: readonly string[]): number {
  const rows = readCsv(csvPath);
  const names = new Set<string>();
  for (const spec of LIBRARY_SPEC) {
    if (names.has(spec.name)) throw new Error(`duplicate entry ${spec.name}`);
    names.add(spec.name);
  }
  const entries = LIBRARY_SPEC.map((spec) => buildEntry(spec, rows)).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const text = render(entries);
  if (args.includes('--check')) {
    const current = readFileSync(outPath, 'utf8');
    if (current !== text) {
      process.stderr.write(`${outPath} is out of date: run npx tsx scripts/gamma/buildNuclideLibrary.ts\n`);
      return 1;
    }
    process.stdout.write(`${outPath} is up to date\n`);
    return 0;
  }
  writeFileSync(outPath, text);
  const lineCount = entries.reduce((n, e) => n + e.lines.length, 0);
  const chains = entries.filter((e) => e.name.endsWith(' chain')).length;
  process.stdout.write(
    `wrote ${outPath}: ${entries.length} entries (${chains} chains), ${lineCount} lines, ${text.length} bytes\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
