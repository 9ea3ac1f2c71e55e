/**
 * Trains a shipped model from its recipe and writes public/models/<id>/ (model.json, weights,
 * card.json with the metrics this run measured) and public/models/index.json.
 *
 *   npm run train -- <model-id>            train on WASM in Node (all cores' worth of 1 thread)
 *   npm run train -- --list                the ids that can be trained
 *
 * Reproducible: data, weights and shuffles all come from the recipe's seeds; the same command on
 * the same backend gives the same card up to floating-point summation order.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LayersModel } from '@tensorflow/tfjs';
import type { Spectrum } from '../src/core';
import { findRecipe, recipes } from '../src/domains/modelRecipes';
import { registerDomains } from '../src/domains/registerDomains';
import { parseFile } from '../src/formats/parseFile';
import { initBackend } from '../src/ml/backend/initBackend';
import { predictSpectra, type SpectrumPrediction } from '../src/ml/inference/predictSpectra';
import type { ModelRecipe } from '../src/ml/recipes';
import { trainRecipe } from '../src/ml/recipes/trainRecipe';
import type { ModelCard } from '../src/ml/registry/modelCard';
import { loadShippedModel } from '../src/ml/registry/modelRegistry';
import { modelToFiles } from '../src/ml/registry/modelToFiles';

const root = fileURLToPath(new URL('..', import.meta.url));
const modelsDir = join(root, 'public', 'models');

function describePrediction(p: SpectrumPrediction): string {
  if (p.predictedLabels !== undefined) {
    const sorted = [...p.values].sort((a, b) => b.mean - a.mean);
    const shown = sorted.filter((v, i) => v.mean >= 0.5 || i < 2);
    const list = shown.map((v) => `${v.name} ${v.mean.toFixed(2)} ± ${v.sd.toFixed(2)}`).join(', ');
    const named = p.predictedLabels.length === 0 ? 'no nuclide' : p.predictedLabels.join(' + ');
    return `predicted ${named} (probabilities: ${list})`;
  }
  const top = p.values.find((v) => v.name === p.predictedClass);
  if (!top) return p.values.map((v) => `${v.name} ${v.mean.toPrecision(3)} ± ${v.sd.toPrecision(2)}`).join(', ');
  return `predicted '${p.predictedClass}' (p = ${top.mean.toFixed(2)} ± ${top.sd.toFixed(2)}, entropy ${p.entropy?.toFixed(2)} nats of ${Math.log(p.values.length).toFixed(2)} max)`;
}

async function updateIndex(id: string): Promise<void> {
  const path = join(modelsDir, 'index.json');
  const index = JSON.parse(await readFile(path, 'utf8').catch(() => '{"models":[]}')) as { models: string[] };
  if (!index.models.includes(id)) index.models.push(id);
  await writeFile(path, `${JSON.stringify(index, null, 2)}\n`);
}

/**
 * Runs the model on the recipe's real spectra and writes what it says (and what the recipe's
 * classical method says) into the card; adds a measured limitation when a classifier answers
 * confidently on spectra outside its training range.
 */
async function withRealData(recipe: ModelRecipe, model: LayersModel, card: ModelCard): Promise<ModelCard> {
  const real = [];
  for (const { path, note } of recipe.realData ?? []) {
    const parsed = await parseFile(new Uint8Array(await readFile(join(root, path))), path);
    if (!parsed.ok) throw new Error(`${path}: ${parsed.error.message}`);
    const spectra = parsed.value.spectra;
    const predictions = await predictSpectra(model, card, spectra, { passes: recipe.passes });
    for (const [i, prediction] of predictions.entries()) {
      const spectrum = spectra[i] as Spectrum;
      const text = prediction.ok
        ? describePrediction(prediction.value)
        : `refused: ${prediction.error.message} [${prediction.error.code}]`;
      const classical = recipe.describeRealSpectrum?.(spectrum, spectra);
      const which = spectra.length > 1 ? ` (${spectrum.name})` : '';
      const result = `${text}${classical === undefined ? '' : `; classical: ${classical}`}. ${note}.`;
      real.push({ data: `${path}${which}`, result });
      process.stdout.write(`  real ${path}${which}: ${result}\n`);
    }
  }
  // A measured failure the card must state: confident answers on real spectra outside the training range.
  const confident =
    card.task === 'classification' &&
    real.length > 0 &&
    /entropy 0\.[0-2]\d nats/.test(real.map((r) => r.result).join(' '));
  const limitations = confident
    ? [
        ...card.limitations,
        'Measured: on real spectra far outside its training range it still answers with low entropy (see "On real data"): a confident answer does not mean the spectrum is one the model understands.',
      ]
    : card.limitations;
  return { ...card, limitations, metrics: { ...card.metrics, real } };
}

/** `--real-only`: the real-data section of a shipped model's card again, from its shipped weights (no training). */
async function realOnly(recipe: ModelRecipe): Promise<number> {
  const source = {
    readText: (path: string) => readFile(join(modelsDir, path), 'utf8'),
    readBytes: async (path: string) => new Uint8Array(await readFile(join(modelsDir, path))),
  };
  const { model, card } = await loadShippedModel(source, recipe.id);
  // The recipe's written limitations may have been revised since training; the metrics stay as measured.
  const updated = await withRealData(recipe, model, {
    ...card,
    limitations: recipe.limitations,
    metrics: { ...card.metrics, real: [] },
  });
  await writeFile(join(modelsDir, recipe.id, 'card.json'), `${JSON.stringify(updated, null, 2)}\n`);
  process.stdout.write(`rewrote ${recipe.id}/card.json (real data only)\n`);
  return 0;
}

async function main(args: string[]): Promise<number> {
  registerDomains();
  if (args.includes('--list') || args.length === 0) {
    process.stdout.write(`Models that can be trained:\n${recipes.map((r) => `  ${r.id}  ${r.name}`).join('\n')}\n`);
    return args.length === 0 ? 2 : 0;
  }
  const id = args[0] as string;
  const recipe = findRecipe(id);
  if (!recipe) {
    process.stderr.write(`train: no recipe '${id}' (try --list)\n`);
    return 2;
  }
  const backend = await initBackend('wasm');
  if (args.includes('--real-only')) return realOnly(recipe);
  process.stdout.write(`train ${id} on ${backend.name} (${backend.adapterDescription})\n`);
  const trained = await trainRecipe(recipe, {
    command: `npm run train -- ${id}`,
    onProgress: (p) => {
      if (p.phase !== 'epoch') return;
      const metrics = Object.entries(p.metrics)
        .map(([k, v]) => `${k} ${v.toFixed(4)}`)
        .join('  ');
      process.stdout.write(
        `epoch ${p.epoch}/${p.epochs}  loss ${p.loss.toFixed(4)}  val_loss ${p.valLoss?.toFixed(4)}  ${metrics}  lr ${p.learningRate.toExponential(2)}  ${(p.elapsedMs / 1000).toFixed(0)} s\n`,
      );
    },
  });
  const { model, result } = trained;
  process.stdout.write(`stopped: ${result.stoppedReason}, best epoch ${result.bestEpoch}\n`);
  const card = await withRealData(recipe, model, trained.card);
  for (const m of card.metrics.heldOut) process.stdout.write(`  test ${m.name}: ${m.value.toFixed(4)}\n`);
  const dir = join(modelsDir, id);
  await mkdir(dir, { recursive: true });
  for (const file of await modelToFiles(model, card)) await writeFile(join(dir, file.name), file.bytes);
  await updateIndex(id);
  process.stdout.write(`wrote ${dir}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
