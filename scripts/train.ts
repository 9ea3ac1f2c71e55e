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
import { findRecipe, recipes } from '../src/domains/modelRecipes';
import { registerDomains } from '../src/domains/registerDomains';
import { parseFile } from '../src/formats/parseFile';
import { initBackend } from '../src/ml/backend/initBackend';
import { predictSpectra, type SpectrumPrediction } from '../src/ml/inference/predictSpectra';
import { trainRecipe } from '../src/ml/recipes/trainRecipe';
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
  let card = trained.card;
  process.stdout.write(`stopped: ${result.stoppedReason}, best epoch ${result.bestEpoch}\n`);
  const real = [];
  for (const { path, note } of recipe.realData ?? []) {
    const parsed = await parseFile(new Uint8Array(await readFile(join(root, path))), path);
    if (!parsed.ok) throw new Error(`${path}: ${parsed.error.message}`);
    for (const prediction of await predictSpectra(model, card, parsed.value.spectra, { passes: recipe.passes })) {
      const text = prediction.ok
        ? describePrediction(prediction.value)
        : `refused: ${prediction.error.message} [${prediction.error.code}]`;
      real.push({ data: path, result: `${text}. ${note}.` });
      process.stdout.write(`  real ${path}: ${text}\n`);
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
  card = { ...card, limitations, metrics: { ...card.metrics, real } };
  for (const m of card.metrics.heldOut) process.stdout.write(`  test ${m.name}: ${m.value.toFixed(4)}\n`);
  const dir = join(modelsDir, id);
  await mkdir(dir, { recursive: true });
  for (const file of await modelToFiles(model, card)) await writeFile(join(dir, file.name), file.bytes);
  await updateIndex(id);
  process.stdout.write(`wrote ${dir}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
