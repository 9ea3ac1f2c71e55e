import type { Spectrum } from '../../core';
import { writeGammaCsv } from '../../domains/gamma/formats/writeGammaCsv';
import { writeNiftiMrs } from '../../domains/mrs/formats/writeNiftiMrs';
import { toTimeDomain } from '../../domains/mrs/processing/toTimeDomain';

/** One file `spectra process` writes: where, in which format, from which input, and its bytes. */
export interface PlannedOutput {
  /** Path of the written file (the output folder joined with the name). */
  readonly path: string;
  /** `mrs-nifti` (NIfTI-MRS), `gamma-csv` (the workbench's gamma CSV) or `csv` (x,y columns). */
  readonly format: 'mrs-nifti' | 'gamma-csv' | 'csv';
  /** The input file the spectra came from. */
  readonly source: string;
  readonly role?: string;
  /** The spectra written (time-domain FIDs for NIfTI-MRS). */
  readonly spectra: readonly Spectrum[];
  /** True when the results were ppm spectra and were written as the FID they transform back to. */
  readonly fromFrequencyDomain: boolean;
  readonly bytes: () => Uint8Array;
}

/** File name without folders and without its extension (`.nii.gz` counts as one). */
function stemOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.replace(/\.nii\.gz$/i, '').replace(/\.[^.]+$/, '');
}

/** A plain two-column CSV (x with its unit, then y; real part only) for spectra without a writer. */
function plainCsv(spectrum: Spectrum): Uint8Array {
  const lines = [`${spectrum.x.quantity} (${spectrum.x.unit}),intensity (${spectrum.y.unit})`];
  spectrum.x.values.forEach((x, i) => {
    lines.push(`${x},${spectrum.y.values[i]}`);
  });
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/**
 * Decides what `spectra process` writes into `outDir` for the pipeline's results: the MRS spectra
 * of one input file and role become one NIfTI-MRS file `<stem>_processed.nii.gz` (`_water` added
 * when a file gave both roles; their `index.*` meta lay out its dimensions, `writeNiftiMrs`);
 * spectra on a ppm axis are written as the FID they transform back to (`toTimeDomain`, the exact
 * inverse of `mrs-fft`: phasing, referencing and baseline subtraction stay in the samples), since
 * NIfTI-MRS holds time-domain data. Gamma spectra become gamma CSV, any other spectrum a two-column
 * CSV, one file each (`<stem>_processed[_k].csv`). Names that would repeat get `_2`, `_3` ….
 * `header` goes into every NIfTI-MRS header extension (processing provenance).
 */
export function planOutputs(
  outputs: readonly Spectrum[],
  outDir: string,
  header: Readonly<Record<string, unknown>>,
): PlannedOutput[] {
  const folder = outDir.endsWith('/') ? outDir : `${outDir}/`;
  const taken = new Set<string>();
  const nameFor = (wanted: string, extension: string): string => {
    let name = `${wanted}${extension}`;
    for (let k = 2; taken.has(name); k++) name = `${wanted}_${k}${extension}`;
    taken.add(name);
    return `${folder}${name}`;
  };
  const mrsGroups = new Map<string, Spectrum[]>();
  const rolesOf = new Map<string, Set<string>>();
  const planned: PlannedOutput[] = [];
  for (const spectrum of outputs) {
    if (spectrum.domain !== 'mrs') continue;
    const role = typeof spectrum.meta.role === 'string' ? spectrum.meta.role : '';
    const key = JSON.stringify([spectrum.file, role]);
    mrsGroups.set(key, [...(mrsGroups.get(key) ?? []), spectrum]);
    rolesOf.set(spectrum.file, (rolesOf.get(spectrum.file) ?? new Set()).add(role));
  }
  for (const [key, members] of mrsGroups) {
    const [file, role] = JSON.parse(key) as [string, string];
    const both = (rolesOf.get(file)?.size ?? 0) > 1 && role === 'water';
    const fromFrequencyDomain = members.some((s) => s.x.unit === 'ppm');
    const spectra = members.map((s) => (s.x.unit === 'ppm' ? toTimeDomain(s) : s));
    planned.push({
      path: nameFor(`${stemOf(file)}${both ? '_water' : ''}_processed`, '.nii.gz'),
      format: 'mrs-nifti',
      source: file,
      ...(role === '' ? {} : { role }),
      spectra,
      fromFrequencyDomain,
      bytes: () => writeNiftiMrs(spectra, { gzip: true, header }),
    });
  }
  for (const spectrum of outputs) {
    if (spectrum.domain === 'mrs') continue;
    const gamma = spectrum.domain === 'gamma';
    planned.push({
      path: nameFor(`${stemOf(spectrum.file)}_processed`, '.csv'),
      format: gamma ? 'gamma-csv' : 'csv',
      source: spectrum.file,
      spectra: [spectrum],
      fromFrequencyDomain: false,
      bytes: () => (gamma ? new TextEncoder().encode(writeGammaCsv([spectrum])) : plainCsv(spectrum)),
    });
  }
  return planned;
}
