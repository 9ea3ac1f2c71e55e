/**
 * The matrix-effect comparison of issue 6, point 5a: the two-headed CNN (spectrum + conductivity
 * and temperature readings), the one-headed CNN (spectrum only) and a classical univariate
 * calibration (one line per metal, standards at 3000 µS/cm and 25 °C) on the SAME held-out
 * simulations, per metal and per condition bin (concentrationTestSets.ts: the bins are the
 * recipes' extra held-out sets, drawn from the same seeds). Prints the median and 90th percentile
 * of |ĉ/c − 1| and, for the two-headed model, how many samples its contract flags as out of range,
 * its mean MC-dropout SD and how often mean ± 1.96 SD covers the truth. With --write-cards the rows go into both models' cards
 * (metrics.heldOut, names starting with "matrix table: "), replacing earlier rows.
 *
 *   npx tsx scripts/emission/evaluateMatrixEffect.ts [--models <dir>] [--write-cards] [--json out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { concentrationGenerator } from '../../src/domains/emission/models/concentrationGenerator';
import { METAL_SYMBOLS, TWO_HEAD_CONTRACT } from '../../src/domains/emission/models/concentrationSetup';
import { CONDITION_BINS } from '../../src/domains/emission/models/concentrationTestSets';
import { scaleDeviceParameters } from '../../src/domains/emission/models/deviceParameters';
import { CONCENTRATION_SEED } from '../../src/domains/emission/models/emissionConcentration2Head';
import { column, relativeErrorSummary } from '../../src/domains/emission/models/relativeErrors';
import { fitUnivariateCalibration, predictUnivariate } from '../../src/domains/emission/models/univariateCalibration';
import { initBackend } from '../../src/ml/backend/initBackend';
import type { MetricValue, ModelCard } from '../../src/ml/registry/modelCard';
import { loadShippedModel } from '../../src/ml/registry/modelRegistry';
import type { DatasetField } from '../../src/ml/training/dataset';
import { deriveSeed } from '../../src/ml/training/random';
import { mcDropoutPredict } from '../../src/ml/uncertainty/mcDropoutPredict';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TWO = 'emission-concentration-2head';
const ONE = 'emission-concentration-1head';
const PASSES = 30;
/** Salt of the calibration standards' noise (independent of every split and held-out set). */
const STANDARDS_SALT = 99;

/** MC-dropout means and SDs over a dataset's inputs, in batches. */
async function mcPredict(model: tf.LayersModel, inputs: readonly DatasetField[], size: number) {
  const width = model.outputs[0]?.shape[1] as number;
  const mean = new Float32Array(size * width);
  const sd = new Float32Array(size * width);
  for (let start = 0; start < size; start += 200) {
    const n = Math.min(200, size - start);
    const xs = inputs.map((f) => {
      const per = f.values.length / size;
      return tf.tensor(f.values.subarray(start * per, (start + n) * per), [n, ...f.shape]);
    });
    try {
      const mc = await mcDropoutPredict(model, xs.length === 1 ? (xs[0] as tf.Tensor) : xs, { passes: PASSES });
      mean.set(mc.mean, start * width);
      sd.set(mc.sd, start * width);
    } finally {
      tf.dispose(xs);
    }
  }
  return { mean, sd };
}

interface Row {
  readonly bin: string;
  readonly inRange: boolean;
  readonly metal: string;
  readonly method: 'two-headed' | 'one-headed' | 'univariate';
  readonly median: number;
  readonly p90: number;
  readonly failures: number;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '∞');

async function main(args: string[]): Promise<number> {
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const modelsDir = at('--models') ?? join(root, 'public', 'models');
  await initBackend('wasm');
  const source = {
    readText: (path: string) => readFile(join(modelsDir, path), 'utf8'),
    readBytes: async (path: string) => new Uint8Array(await readFile(join(modelsDir, path))),
  };
  const two = await loadShippedModel(source, TWO);
  const one = await loadShippedModel(source, ONE);
  const calibration = fitUnivariateCalibration(deriveSeed(CONCENTRATION_SEED, STANDARDS_SALT));
  const rows: Row[] = [];
  const notes: string[] = [];
  const coverage: { bin: string; value: number }[] = [];
  for (const [k, bin] of CONDITION_BINS.entries()) {
    const generator = concentrationGenerator({
      conductivityUsCm: bin.conductivityUsCm,
      temperatureC: bin.temperatureC,
      inputs: 'spectrum+parameters',
    });
    // The recipes' extra set k is drawn from deriveSeed(seed, 10 + k) (ml/recipes/trainRecipe.ts).
    const seed = deriveSeed(CONCENTRATION_SEED, 10 + k);
    const data = generator.generate(bin.size, seed);
    const flagged = generator
      .conditions(bin.size, seed)
      .filter(
        (c) =>
          scaleDeviceParameters([Math.log10(c.readConductivityUsCm), c.readTemperatureC], TWO_HEAD_CONTRACT).outOfRange,
      ).length;
    const twoPrediction = await mcPredict(two.model, data.inputs, data.size);
    const onePrediction = await mcPredict(one.model, data.inputs.slice(0, 1), data.size);
    const spectra = (data.inputs[0] as DatasetField).values;
    const length = spectra.length / data.size;
    const univariate = new Float64Array(data.size * METAL_SYMBOLS.length);
    for (let i = 0; i < data.size; i++)
      univariate.set(
        predictUnivariate(calibration, spectra.subarray(i * length, (i + 1) * length)),
        i * METAL_SYMBOLS.length,
      );
    const truth = (data.targets[0] as DatasetField).values;
    const width = METAL_SYMBOLS.length;
    let sdSum = 0;
    let covered = 0;
    twoPrediction.sd.forEach((sd, i) => {
      sdSum += sd;
      if (Math.abs((twoPrediction.mean[i] as number) - (truth[i] as number)) <= 1.96 * sd) covered++;
    });
    coverage.push({ bin: bin.name, value: covered / twoPrediction.sd.length });
    notes.push(
      `${bin.name}: ${flagged}/${data.size} flagged out of range by the two-headed model's contract; its mean MC-dropout SD ${(sdSum / twoPrediction.sd.length).toFixed(3)} (ln units), mean ± 1.96 SD covers ${((100 * covered) / twoPrediction.sd.length).toFixed(0)} % of the true values`,
    );
    METAL_SYMBOLS.forEach((metal, m) => {
      const c = column(truth, width, m, Math.exp);
      const add = (method: Row['method'], predicted: Float64Array) =>
        rows.push({ bin: bin.name, inRange: bin.inRange, metal, method, ...relativeErrorSummary(c, predicted) });
      add('two-headed', column(twoPrediction.mean, width, m, Math.exp));
      add('one-headed', column(onePrediction.mean, width, m, Math.exp));
      add('univariate', column(univariate, width, m));
    });
    process.stderr.write(`${bin.name} done\n`);
  }
  two.model.dispose();
  one.model.dispose();
  const find = (bin: string, metal: string, method: Row['method']) =>
    rows.find((r) => r.bin === bin && r.metal === metal && r.method === method) as Row;
  const lines = [
    '| Condition | Metal | Two-headed median / p90 | One-headed median / p90 | Univariate median / p90 |',
    '|---|---|---|---|---|',
  ];
  for (const bin of CONDITION_BINS)
    for (const metal of METAL_SYMBOLS) {
      const cell = (method: Row['method']) => {
        const r = find(bin.name, metal, method);
        return `${pct(r.median)} / ${pct(r.p90)}${r.failures > 0 ? ` (${r.failures} failed)` : ''}`;
      };
      lines.push(
        `| ${bin.name}${bin.inRange ? '' : ' (outside)'} | ${metal} | ${cell('two-headed')} | ${cell('one-headed')} | ${cell('univariate')} |`,
      );
    }
  process.stdout.write(`${lines.join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  const json = at('--json');
  if (json !== undefined) writeFileSync(json, `${JSON.stringify({ rows, notes }, null, 2)}\n`);
  if (args.includes('--write-cards')) {
    const metric = (r: Row, stat: 'median' | 'p90'): MetricValue => ({
      name: `matrix table: ${r.bin}: ${r.metal} ${stat} relative error (${r.method})`,
      value: Number.isFinite(r[stat]) ? r[stat] : -1,
    });
    for (const [id, methods] of [
      [TWO, ['two-headed', 'one-headed', 'univariate']],
      [ONE, ['one-headed']],
    ] as const) {
      const path = join(modelsDir, id, 'card.json');
      const card = JSON.parse(readFileSync(path, 'utf8')) as ModelCard;
      const kept = card.metrics.heldOut.filter((m) => !m.name.startsWith('matrix table: '));
      const added = [
        ...rows
          .filter((r) => (methods as readonly string[]).includes(r.method))
          .flatMap((r) => [metric(r, 'median'), metric(r, 'p90')]),
        ...(id === TWO
          ? coverage.map((c) => ({
              name: `matrix table: ${c.bin}: 95 % interval coverage (two-headed)`,
              value: c.value,
            }))
          : []),
      ];
      const updated = { ...card, metrics: { ...card.metrics, heldOut: [...kept, ...added] } };
      writeFileSync(path, `${JSON.stringify(updated, null, 2)}\n`);
      process.stderr.write(`wrote ${added.length} rows into ${id}/card.json\n`);
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
