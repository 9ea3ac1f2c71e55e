/**
 * Runs the classical identification and (with --cnn) the shipped CNN on InterSpec's GADRAS v19
 * reference spectra (../shared/fixtures/grs/gadras_reference_spectra_simulated, LGPL, not shipped):
 * 11 detector models, each source Unshielded and Shielded, 1800 s. An independent simulator, so a
 * check of how both methods carry over from the workbench's own simulator. Prints per detector how
 * often the source is named (classical: a candidate ≥ 0.5; CNN: p ≥ 0.5) and how many other
 * non-natural nuclides are named. Only the CNN's 15 label nuclides are used.
 *
 *   npx tsx scripts/gamma/evaluateOnGadras.ts [--cnn] [--json out.json]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Spectrum } from '../../src/core';
import { analyseGammaSpectrum } from '../../src/domains/gamma/analyseGammaSpectrum';
import { CNN_NUCLIDES } from '../../src/domains/gamma/models/gammaNuclideCnn';
import { registerDomains } from '../../src/domains/registerDomains';
import { parseFile } from '../../src/formats';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folder = join(root, '..', 'shared', 'fixtures', 'grs', 'gadras_reference_spectra_simulated');

async function read(path: string): Promise<Spectrum> {
  const parsed = await parseFile(new Uint8Array(readFileSync(path)), path);
  if (!parsed.ok) throw new Error(`${path}: ${parsed.error.message}`);
  return parsed.value.spectra[0] as Spectrum;
}

interface Tally {
  runs: number;
  classicalFound: number;
  classicalOthers: number;
  cnnFound: number;
  cnnOthers: number;
}

async function main(args: string[]): Promise<number> {
  if (!existsSync(folder)) {
    process.stderr.write(`no GADRAS reference spectra at ${folder}\n`);
    return 2;
  }
  registerDomains();
  const useCnn = args.includes('--cnn');
  let cnn: ((s: Spectrum) => Promise<string[]>) | undefined;
  if (useCnn) {
    const { initBackend } = await import('../../src/ml/backend/initBackend');
    const { loadShippedModel } = await import('../../src/ml/registry/modelRegistry');
    const { predictSpectra } = await import('../../src/ml/inference/predictSpectra');
    const { readFile } = await import('node:fs/promises');
    await initBackend('wasm');
    const models = join(root, 'public', 'models');
    const { model, card } = await loadShippedModel(
      {
        readText: (p) => readFile(join(models, p), 'utf8'),
        readBytes: async (p) => new Uint8Array(await readFile(join(models, p))),
      },
      'gamma-nuclide-cnn',
    );
    cnn = async (s) => {
      const [r] = await predictSpectra(model, card, [s], { passes: 10 });
      return r?.ok ? (r.value.predictedLabels ?? []).slice() : [`refused: ${r?.ok === false ? r.error.message : '?'}`];
    };
  }
  const rows: Record<string, Tally> = {};
  const details: unknown[] = [];
  for (const detector of readdirSync(folder).filter((d) => !d.endsWith('.xml'))) {
    const dir = join(folder, detector);
    const background = await read(join(dir, 'background.txt'));
    const tally: Tally = { runs: 0, classicalFound: 0, classicalOthers: 0, cnnFound: 0, cnnOthers: 0 };
    for (const nuclide of CNN_NUCLIDES) {
      for (const variant of ['Unshielded', 'Shielded']) {
        const file = join(dir, `${nuclide.replace('-', '')}_${variant}.txt`);
        if (!existsSync(file)) continue;
        const spectrum = await read(file);
        tally.runs++;
        let named: string[] = [];
        try {
          const analysis = analyseGammaSpectrum(spectrum, { background });
          named = analysis.identification.candidates.filter((c) => !c.naturalBackground).map((c) => c.nuclide);
        } catch (error) {
          named = [`error: ${(error as Error).message}`];
        }
        if (named.includes(nuclide)) tally.classicalFound++;
        tally.classicalOthers += named.filter((n) => n !== nuclide).length;
        const byCnn = cnn === undefined ? [] : await cnn(spectrum);
        if (byCnn.includes(nuclide)) tally.cnnFound++;
        tally.cnnOthers += byCnn.filter((n) => n !== nuclide).length;
        details.push({ detector, nuclide, variant, classical: named, cnn: byCnn });
      }
    }
    rows[detector] = tally;
    const t = tally;
    process.stdout.write(
      `${detector.padEnd(24)} ${String(t.runs).padStart(3)} spectra  classical ${t.classicalFound}/${t.runs} named, ${t.classicalOthers} others` +
        (cnn ? `  |  CNN ${t.cnnFound}/${t.runs} named, ${t.cnnOthers} others` : '') +
        '\n',
    );
  }
  const out = args[args.indexOf('--json') + 1];
  if (args.includes('--json') && out !== undefined) writeFileSync(out, JSON.stringify({ rows, details }, null, 2));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
