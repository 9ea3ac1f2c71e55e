/**
 * Which emission lines the line-selection network (emission-line-selection, an MLP on the 1024
 * spectrum points) picks (issue 6, point 5b): (1) from its first layer — effective weights through
 * the batch normalisation, times each point's SD over training-like spectra (lineImportance.ts);
 * (2) per metal — the mean |∂ output / ∂ input| · SD over the same spectra (MC dropout off). Each
 * pick is named after the strongest library line within 0.4 nm, and beside them the lines physics
 * expects (the three strongest library lines of each metal in the window at 5000 K, by
 * g·A·e^(−E_k/kT); resonance lines marked). With --write-card the picks go into the card
 * (metrics.heldOut, names starting with "line pick").
 *
 *   npx tsx scripts/emission/reportLineSelection.ts [--models <dir>] [--write-card] [--json out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { speciesName } from '../../src/domains/emission/lines/emissionLine';
import {
  concentrationLines,
  METAL_SYMBOLS,
  SPECTRUM_CONTRACT,
} from '../../src/domains/emission/models/concentrationSetup';
import { emissionLineSelection } from '../../src/domains/emission/models/emissionLineSelection';
import {
  columnSd,
  effectiveKernel,
  inputImportance,
  type PickedLine,
  pickLines,
} from '../../src/domains/emission/models/lineImportance';
import { contractAxis } from '../../src/domains/emission/models/univariateCalibration';
import { BOLTZMANN_EV_K } from '../../src/domains/emission/simulation/physicalConstants';
import { initBackend } from '../../src/ml/backend/initBackend';
import type { ModelCard } from '../../src/ml/registry/modelCard';
import { loadShippedModel } from '../../src/ml/registry/modelRegistry';
import { deriveSeed } from '../../src/ml/training/random';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ID = emissionLineSelection.id;
/** The simulator's molecular bands in the window (simulation/molecularBands.ts: only OH is drawn for the discharge). */
const BANDS = [{ name: 'OH A–X', fromNm: 306, toNm: 312 }];
/** Spectra to measure the input spread and the gradients on (a salt apart from every split). */
const SAMPLES = 400;
const SAMPLE_SALT = 77;

const describePick = (p: PickedLine) =>
  `${p.wavelengthNm.toFixed(2)} nm (${(100 * p.importance).toFixed(0)} %) → ${p.band === undefined ? '' : `${p.band} band; `}${
    p.line === undefined
      ? 'no library line within 0.4 nm'
      : `${speciesName(p.line.element, p.line.ion)} ${p.line.wavelengthNm.toFixed(2)}${p.line.resonance ? ' (resonance)' : ''}`
  }`;

async function main(args: string[]): Promise<number> {
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const modelsDir = at('--models') ?? join(root, 'public', 'models');
  await initBackend('wasm');
  const { model } = await loadShippedModel(
    {
      readText: (path: string) => readFile(join(modelsDir, path), 'utf8'),
      readBytes: async (path: string) => new Uint8Array(await readFile(join(modelsDir, path))),
    },
    ID,
  );
  const data = emissionLineSelection.generator.generate(SAMPLES, deriveSeed(emissionLineSelection.seed, SAMPLE_SALT));
  const spectra = data.inputs[0]?.values as Float32Array;
  const points = SPECTRUM_CONTRACT.length;
  const sd = columnSd(spectra, points);
  const axis = contractAxis(SPECTRUM_CONTRACT);
  const lines = concentrationLines();

  // (1) First layer.
  const dense = model.getLayer('dense0_dense');
  const bn = model.getLayer('dense0_bn');
  const kernel = (await dense.getWeights()[0]?.data()) as Float32Array;
  const [gamma, , , variance] = await Promise.all(bn.getWeights().map((w) => w.data()));
  const epsilon = (bn.getConfig().epsilon as number | undefined) ?? 1e-3;
  const effective = effectiveKernel(kernel, points, gamma as Float32Array, variance as Float32Array, epsilon);
  const firstLayer = pickLines(inputImportance(effective, sd), axis, lines, { count: 15, bands: BANDS });

  // (2) Per metal: mean |gradient| × SD.
  const x = tf.tensor(spectra, [SAMPLES, points]);
  const perMetal: { metal: string; picks: PickedLine[] }[] = [];
  for (const [m, metal] of METAL_SYMBOLS.entries()) {
    const gradient = tf.tidy(() => {
      const g = tf.grad((input: tf.Tensor) =>
        (model.apply(input, { training: false }) as tf.Tensor).slice([0, m], [-1, 1]).sum(),
      )(x);
      return g.abs().mean(0);
    });
    const values = (await gradient.data()) as Float32Array;
    gradient.dispose();
    const importance = Float64Array.from(values, (v, i) => v * (sd[i] as number));
    perMetal.push({ metal, picks: pickLines(importance, axis, lines, { count: 4, bands: BANDS }) });
  }
  x.dispose();
  model.dispose();

  // What physics expects: the strongest lines of each metal in the window at 5000 K.
  const strength = (l: (typeof lines)[number]) =>
    (l.gk ?? 0) * (l.aki ?? 0) * Math.exp(-(l.ekEv ?? 0) / (BOLTZMANN_EV_K * 5000));
  const expected = METAL_SYMBOLS.map((metal) => ({
    metal,
    lines: lines
      .filter(
        (l) =>
          l.element === metal &&
          l.wavelengthNm >= SPECTRUM_CONTRACT.axis.min &&
          l.wavelengthNm <= SPECTRUM_CONTRACT.axis.max,
      )
      .sort((a, b) => strength(b) - strength(a))
      .slice(0, 3)
      .map((l) => `${speciesName(l.element, l.ion)} ${l.wavelengthNm.toFixed(2)}${l.resonance ? ' (resonance)' : ''}`),
  }));

  const out = [
    '## First layer (effective weights × input SD), top 15',
    ...firstLayer.map((p, i) => `${i + 1}. ${describePick(p)}`),
    '',
    '## Per metal (mean |∂ln c/∂x| × SD), top 4, and the lines physics expects',
    ...perMetal.flatMap(({ metal, picks }) => [
      `- ${metal}: ${picks.map(describePick).join('; ')}`,
      `  expected: ${expected.find((e) => e.metal === metal)?.lines.join('; ')}`,
    ]),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  const json = at('--json');
  if (json !== undefined) writeFileSync(json, `${JSON.stringify({ firstLayer, perMetal, expected }, null, 2)}\n`);
  if (args.includes('--write-card')) {
    const path = join(modelsDir, ID, 'card.json');
    const card = JSON.parse(readFileSync(path, 'utf8')) as ModelCard;
    const kept = card.metrics.heldOut.filter((m) => !m.name.startsWith('line pick'));
    const picks = [
      ...firstLayer.map((p, i) => ({
        name: `line pick ${i + 1} (first layer): ${describePick(p)}`,
        value: p.importance,
      })),
      ...perMetal.flatMap(({ metal, picks: list }) =>
        list.map((p, i) => ({
          name: `line pick ${metal} ${i + 1} (gradient): ${describePick(p)}`,
          value: p.importance,
        })),
      ),
    ];
    writeFileSync(
      path,
      `${JSON.stringify({ ...card, metrics: { ...card.metrics, heldOut: [...kept, ...picks] } }, null, 2)}\n`,
    );
    process.stderr.write(`wrote ${picks.length} picks into ${ID}/card.json\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
