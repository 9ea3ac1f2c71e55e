/**
 * Builds `src/domains/mrs/simulation/spinSystems.json` (committed) from the Vespa spin-system
 * tables `../shared/physics/mrs_spin_systems_vespa_{shifts,jcouplings}.csv` (PROVENANCE.md §7:
 * vespa-mrs/vespa `vespa/common/resources/metabolites.xml`, BSD-3-Clause; values from
 * Govindaraju, Young & Maudsley, NMR Biomed 2000;13:129–153 and its 2015 update; 2HG from Bal &
 * Gryff-Keller, Magn Reson Chem 2002;40:533–536).
 *
 *   npx tsx scripts/mrs/buildSpinSystems.ts          write the JSON
 *   npx tsx scripts/mrs/buildSpinSystems.ts --check  exit 1 when the committed JSON differs
 *
 * What it does to the table (PROVENANCE.md §7):
 * - J couplings are read in upper-triangle order (1-2, 1-3, …, 2-3, …) into a symmetric matrix.
 * - ¹⁴N and ³¹P placeholder spins (isotope column; shift 100.0 or 40.0 ppm) are removed from the
 *   ¹H spin group; their couplings to each proton are kept apart (`heteronuclei`), so that the
 *   simulator can treat them as weak heteronuclear couplings or leave them out.
 * - The alternative `choline-truncated` group of Cho is dropped (the full groups are kept).
 * - Glc keeps both anomers with scales 0.36 α / 0.64 β (equilibrium in water, Govindaraju 2000;
 *   the ISMRM 2016 fitting challenge simulated Glc the same way).
 * - NAAG is Vespa's truncated version: the acetyl CH3 singlet only, listed as one spin; it gets
 *   scale 3 (three ¹H). The GPL-3 spant supplement (full NAAG, Asc) is NOT used: Asc is missing.
 * Output is deterministic (metabolites sorted by name) and formatted by Biome, the repository formatter.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  MetaboliteSpinSystem,
  SpinGroup,
  SpinSystemTable,
} from '../../src/domains/mrs/simulation/spinSystemTypes';
import { splitCsv } from '../lib/splitCsv';
import { writeGeneratedJson } from '../lib/writeGeneratedJson';

const root = fileURLToPath(new URL('../..', import.meta.url));
const physics = resolve(root, '../shared/physics');
const outPath = resolve(root, 'src/domains/mrs/simulation/spinSystems.json');

/** Vespa abbreviation → basis-set name (LCModel / ISMRM 2016 challenge spelling) and aliases. */
const NAMES: Readonly<Record<string, { name: string; aliases: string[] }>> = {
  '2HG': { name: '2HG', aliases: ['2HG', 'HG2', '2-hydroxyglutarate'] },
  ATP: { name: 'ATP', aliases: ['ATP'] },
  Ace: { name: 'Ace', aliases: ['Ace', 'Acetate'] },
  Ala: { name: 'Ala', aliases: ['Ala', 'Alanine'] },
  Asp: { name: 'Asp', aliases: ['Asp', 'Aspartate'] },
  Cho: { name: 'Cho', aliases: ['Cho', 'Choline'] },
  Cr: { name: 'Cr', aliases: ['Cr', 'Creatine'] },
  EA: { name: 'EA', aliases: ['EA', 'Ethanolamine'] },
  EtOH: { name: 'EtOH', aliases: ['EtOH', 'Ethanol'] },
  GABA: { name: 'GABA', aliases: ['GABA'] },
  GPC: { name: 'GPC', aliases: ['GPC', 'Glycerophosphocholine'] },
  GSH: { name: 'GSH', aliases: ['GSH', 'Glutathione'] },
  Glc: { name: 'Glc', aliases: ['Glc', 'Glucose'] },
  Gln: { name: 'Gln', aliases: ['Gln', 'Glutamine'] },
  Glu: { name: 'Glu', aliases: ['Glu', 'Glutamate'] },
  Gly: { name: 'Gly', aliases: ['Gly', 'Glycine'] },
  Glyc: { name: 'Glyc', aliases: ['Glyc', 'Glycerol'] },
  Hcar: { name: 'Hcar', aliases: ['Hcar', 'Homocarnosine'] },
  His: { name: 'His', aliases: ['His', 'Histidine'] },
  Hist: { name: 'Hist', aliases: ['Hist', 'Histamine'] },
  Lac: { name: 'Lac', aliases: ['Lac', 'Lactate'] },
  NAA: { name: 'NAA', aliases: ['NAA'] },
  NAAG: { name: 'NAAG', aliases: ['NAAG'] },
  PCh: { name: 'PCho', aliases: ['PCho', 'PCh', 'Phosphocholine', 'Phosphorylcholine'] },
  PCr: { name: 'PCr', aliases: ['PCr', 'Phosphocreatine'] },
  PE: { name: 'PE', aliases: ['PE', 'PEA', 'Phosphoethanolamine', 'Phosphorylethanolamine'] },
  Phe: { name: 'Phe', aliases: ['Phe', 'Phenylalanine'] },
  Pyr: { name: 'Pyr', aliases: ['Pyr', 'Pyruvate'] },
  Ser: { name: 'Ser', aliases: ['Ser', 'Serine'] },
  Suc: { name: 'Suc', aliases: ['Suc', 'Succinate'] },
  Tau: { name: 'Tau', aliases: ['Tau', 'Taurine'] },
  Thr: { name: 'Thr', aliases: ['Thr', 'Threonine'] },
  Trp: { name: 'Trp', aliases: ['Trp', 'Tryptophan'] },
  Tyr: { name: 'Tyr', aliases: ['Tyr', 'Tyrosine'] },
  Val: { name: 'Val', aliases: ['Val', 'Valine'] },
  mI: { name: 'Ins', aliases: ['Ins', 'mI', 'mIns', 'myo-Inositol', 'Inositol'] },
  sI: { name: 'sIns', aliases: ['sIns', 'sI', 'Scyllo', 'Scy', 'scyllo-Inositol'] },
};

/** Groups left out (an alternative, truncated description of a metabolite already complete). */
const DROPPED_GROUPS = new Set(['choline-truncated']);
/** Scale of a group's signal (default 1), each with its reason. */
const GROUP_SCALES: Readonly<Record<string, number>> = {
  'glucose-alpha': 0.36, // anomer fraction at equilibrium (Govindaraju 2000; ISMRM 2016 challenge README)
  'glucose-beta': 0.64,
  'NAAG-truncated': 3, // acetyl CH3 listed as one spin: three ¹H
};
const NOTES: Readonly<Record<string, string>> = {
  Glc: 'alpha (0.36) and beta (0.64) anomers',
  NAAG: 'truncated in Vespa: acetyl CH3 singlet at 2.042 ppm only (one listed spin, scale 3); the aspartyl and glutamyl multiplets are missing',
};

function readRows(file: string): Record<string, string>[] {
  const lines = readFileSync(resolve(physics, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsv(lines[0] as string);
  return lines.slice(1).map((line) => {
    const cells = splitCsv(line);
    if (cells.length !== header.length) throw new Error(`${file}: ${cells.length} cells in "${line}"`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] as string]));
  });
}

interface RawSpin {
  readonly index: number;
  readonly isotope: string;
  readonly ppm: number;
  readonly comment: string;
}

function build(): SpinSystemTable {
  const spins = new Map<string, RawSpin[]>(); // key abbrev|group
  const order: string[] = [];
  for (const row of readRows('mrs_spin_systems_vespa_shifts.csv')) {
    const key = `${row.abbrev}|${row.vespa_spin_group}`;
    if (!spins.has(key)) {
      spins.set(key, []);
      order.push(key);
    }
    (spins.get(key) as RawSpin[]).push({
      index: Number(row.spin_index),
      isotope: row.isotope as string,
      ppm: Number(row.chemical_shift_ppm),
      comment: row.source_comment as string,
    });
  }
  const couplings = new Map<string, { i: number; j: number; hz: number }[]>();
  for (const row of readRows('mrs_spin_systems_vespa_jcouplings.csv')) {
    const key = `${row.abbrev}|${row.vespa_spin_group}`;
    if (!couplings.has(key)) couplings.set(key, []);
    couplings.get(key)?.push({ i: Number(row.spin_i), j: Number(row.spin_j), hz: Number(row.J_Hz) });
  }
  const byMetabolite = new Map<string, { groups: SpinGroup[]; sources: Set<string> }>();
  for (const key of order) {
    const [abbrev, groupName] = key.split('|') as [string, string];
    if (DROPPED_GROUPS.has(groupName)) continue;
    const list = (spins.get(key) as RawSpin[]).slice().sort((a, b) => a.index - b.index);
    list.forEach((s, k) => {
      if (s.index !== k + 1) throw new Error(`${key}: spin indices not 1…n`);
    });
    const n = list.length;
    const full = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const pairs = couplings.get(key) ?? [];
    if (pairs.length !== (n * (n - 1)) / 2) throw new Error(`${key}: ${pairs.length} couplings for ${n} spins`);
    for (const { i, j, hz } of pairs) {
      if (!(i < j && j <= n)) throw new Error(`${key}: coupling ${i}-${j} outside the upper triangle`);
      (full[i - 1] as number[])[j - 1] = hz;
      (full[j - 1] as number[])[i - 1] = hz;
    }
    const protons = list.map((s, k) => ({ ...s, k })).filter((s) => s.isotope === '1H');
    const hetero = list.map((s, k) => ({ ...s, k })).filter((s) => s.isotope !== '1H');
    for (const h of hetero) {
      if (h.isotope !== '31P' && h.isotope !== '14N') throw new Error(`${key}: isotope ${h.isotope}`);
    }
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    const group: SpinGroup = {
      name: groupName,
      shiftsPpm: protons.map((p) => round(p.ppm)),
      jHz: protons.map((p) => protons.map((q) => round((full[p.k] as number[])[q.k] as number))),
      scale: GROUP_SCALES[groupName] ?? 1,
      ...(hetero.length > 0
        ? {
            heteronuclei: hetero.map((h) => ({
              isotope: h.isotope as '31P' | '14N',
              jHz: protons.map((p) => round((full[p.k] as number[])[h.k] as number)),
            })),
          }
        : {}),
    };
    if (!byMetabolite.has(abbrev)) byMetabolite.set(abbrev, { groups: [], sources: new Set() });
    const entry = byMetabolite.get(abbrev) as { groups: SpinGroup[]; sources: Set<string> };
    entry.groups.push(group);
    for (const s of list) entry.sources.add(s.comment);
  }
  const metabolites: MetaboliteSpinSystem[] = [];
  for (const [abbrev, { groups, sources }] of byMetabolite) {
    const names = NAMES[abbrev];
    if (names === undefined) throw new Error(`no basis name for Vespa metabolite ${abbrev}`);
    const note = NOTES[abbrev];
    metabolites.push({
      name: names.name,
      vespaAbbreviation: abbrev,
      aliases: names.aliases,
      source: [...sources].join(' | '),
      ...(note === undefined ? {} : { note }),
      groups,
    });
  }
  metabolites.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return {
    header: {
      description:
        '1H spin systems (chemical shifts ppm, J couplings Hz) for MRS basis simulation, one entry per metabolite, several spin groups each; heteronuclear (31P, 14N) couplings kept apart per proton',
      source: 'vespa-mrs/vespa, vespa/common/resources/metabolites.xml',
      commit: '486c5b6e37b3a0d6206cd8e8350d0ccbb8850f3c',
      licence: 'BSD-3-Clause (Vespa); the numbers are literature values',
      citation:
        'Govindaraju V, Young K, Maudsley AA. Proton NMR chemical shifts and coupling constants for brain metabolites. NMR Biomed 2000;13:129-153 (and the 2015 update); 2HG: Bal D, Gryff-Keller A. Magn Reson Chem 2002;40:533-536',
      builtBy: 'scripts/mrs/buildSpinSystems.ts from ../shared/physics/mrs_spin_systems_vespa_{shifts,jcouplings}.csv',
      missing:
        'Asc (ascorbate) is not in the Vespa table and is not simulated; the full NAAG is not either (only its acetyl singlet). Both exist in spant (GPL-3), deliberately not used.',
    },
    metabolites,
  };
}

writeGeneratedJson(root, outPath, build(), 'scripts/mrs/buildSpinSystems.ts');
