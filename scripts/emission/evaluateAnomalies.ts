/**
 * Precision and recall of the recurrent anomaly detector (emission-anomaly-rnn, issue 6, point
 * 5c) on held-out simulated monitoring runs, judged frame by frame as a device would: at every
 * frame from the 24th on, the window ending there (MC-dropout mean of 30 passes), a fault flagged
 * at probability ≥ threshold (default 0.5). Prints frame-level precision/recall per fault kind and
 * for "any fault", event-level recall (an event is caught when one of its frames is flagged), and
 * false alarms per 1000 fault-free frames. With --write-card the numbers go into the card
 * (metrics.heldOut, names starting with "runs: ").
 *
 *   npx tsx scripts/emission/evaluateAnomalies.ts [--models <dir>] [--runs 20] [--threshold 0.5] [--write-card] [--json out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { ANOMALY_FEATURES, ANOMALY_KINDS, windowAt } from '../../src/domains/emission/models/anomalyFeatures';
import { simulateAnomalyRun } from '../../src/domains/emission/models/anomalyGenerator';
import { detectionScores, eventRecall } from '../../src/domains/emission/models/detectionScores';
import { ANOMALY_RUNS, emissionAnomalyRnn } from '../../src/domains/emission/models/emissionAnomalyRnn';
import { initBackend } from '../../src/ml/backend/initBackend';
import type { MetricValue, ModelCard } from '../../src/ml/registry/modelCard';
import { loadShippedModel } from '../../src/ml/registry/modelRegistry';
import { deriveSeed } from '../../src/ml/training/random';
import { mcDropoutPredict } from '../../src/ml/uncertainty/mcDropoutPredict';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ID = emissionAnomalyRnn.id;
/** Held-out runs are drawn from deriveSeed(recipe seed, RUN_SALT, r): apart from every split (salts 1–3, 10+). */
const RUN_SALT = 50;

const fmt = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(3));

async function main(args: string[]): Promise<number> {
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const modelsDir = at('--models') ?? join(root, 'public', 'models');
  const runs = Number(at('--runs') ?? 20);
  const threshold = Number(at('--threshold') ?? 0.5);
  await initBackend('wasm');
  const { model } = await loadShippedModel(
    {
      readText: (path: string) => readFile(join(modelsDir, path), 'utf8'),
      readBytes: async (path: string) => new Uint8Array(await readFile(join(modelsDir, path))),
    },
    ID,
  );
  const window = ANOMALY_RUNS.window;
  const width = ANOMALY_FEATURES.length;
  const kinds = ANOMALY_KINDS.length;
  const truth: number[] = [];
  const scores: number[] = [];
  const recalls = ANOMALY_KINDS.map((kind) => ({ kind, events: 0, detected: 0, detectedAsKind: 0 }));
  // False alarms by the kind flagged, and how many fall within one window after an event ended.
  const alarms = Object.fromEntries(ANOMALY_KINDS.map((k) => [k, 0])) as Record<string, number>;
  let alarmsAfterEvent = 0;
  for (let r = 0; r < runs; r++) {
    const { run, features } = simulateAnomalyRun(ANOMALY_RUNS, deriveSeed(emissionAnomalyRnn.seed, RUN_SALT, r));
    const judged = features.frames - window + 1;
    const x = new Float32Array(judged * window * width);
    for (let w = 0; w < judged; w++) {
      const cut = windowAt(features, window, window - 1 + w);
      x.set(cut.x, w * window * width);
      truth.push(...cut.y);
    }
    const input = tf.tensor(x, [judged, window, width]);
    const mc = await mcDropoutPredict(model, input, { passes: emissionAnomalyRnn.passes });
    input.dispose();
    scores.push(...mc.mean);
    const frameScore = (frame: number, k: number) => mc.mean[(frame - window + 1) * kinds + k] as number;
    const perRun = eventRecall(
      run.events,
      ANOMALY_KINDS,
      (frame) => frame >= window - 1,
      (frame, kind) =>
        kind === null
          ? ANOMALY_KINDS.some((_, k) => frameScore(frame, k) >= threshold)
          : frameScore(frame, ANOMALY_KINDS.indexOf(kind as (typeof ANOMALY_KINDS)[number])) >= threshold,
    );
    for (let frame = window - 1; frame < features.frames; frame++) {
      if (features.labels.subarray(frame * kinds, (frame + 1) * kinds).some((v) => v === 1)) continue;
      const flaggedKinds = ANOMALY_KINDS.filter((_, k) => frameScore(frame, k) >= threshold);
      if (flaggedKinds.length === 0) continue;
      for (const kind of flaggedKinds) alarms[kind] = (alarms[kind] as number) + 1;
      if (run.events.some((e) => frame >= e.endFrame && frame < e.endFrame + window)) alarmsAfterEvent++;
    }
    perRun.forEach((e, k) => {
      const total = recalls[k] as (typeof recalls)[number];
      total.events += e.events;
      total.detected += e.detected;
      total.detectedAsKind += e.detectedAsKind;
    });
    process.stderr.write(
      `run ${r + 1}/${runs}: ${run.events.map((e) => `${e.kind} ${e.startFrame}–${e.endFrame - 1}`).join(', ')}\n`,
    );
  }
  model.dispose();
  const frames = detectionScores(truth, scores, ANOMALY_KINDS, threshold);
  const any = frames.at(-1) as (typeof frames)[number];
  const normalFrames = any.falsePositives + any.trueNegatives;
  const falseAlarmsPer1000 = (1000 * any.falsePositives) / Math.max(1, normalFrames);
  const lines = [
    `${runs} held-out runs of ${ANOMALY_RUNS.frames} frames, ${truth.length / kinds} judged frames, threshold ${threshold}`,
    '',
    '| Fault | Frames | Precision | Recall | Events caught (any kind) | Events caught as this kind |',
    '|---|---|---|---|---|---|',
    ...frames.map((s) => {
      const e = recalls.find((r) => r.kind === s.label);
      const events = e === undefined ? '—' : `${e.detected}/${e.events}`;
      const asKind = e === undefined ? '—' : `${e.detectedAsKind}/${e.events}`;
      return `| ${s.label} | ${s.truePositives + s.falseNegatives} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${events} | ${asKind} |`;
    }),
    '',
    `False alarms: ${any.falsePositives} of ${normalFrames} fault-free frames (${falseAlarmsPer1000.toFixed(1)} per 1000); ${alarmsAfterEvent} of them within ${window} frames after an event ended (the window still holds it); flagged as ${ANOMALY_KINDS.map((k) => `${k} ${alarms[k]}`).join(', ')}.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const json = at('--json');
  if (json !== undefined)
    writeFileSync(
      json,
      `${JSON.stringify({ frames, events: recalls, falseAlarmsPer1000, alarms, alarmsAfterEvent }, null, 2)}\n`,
    );
  if (args.includes('--write-card')) {
    const path = join(modelsDir, ID, 'card.json');
    const card = JSON.parse(readFileSync(path, 'utf8')) as ModelCard;
    const kept = card.metrics.heldOut.filter((m) => !m.name.startsWith('runs: '));
    const prefix = `runs: ${runs} held-out runs, threshold ${threshold}:`;
    const added: MetricValue[] = [
      ...frames.flatMap((s) => [
        { name: `${prefix} ${s.label} precision`, value: Number.isNaN(s.precision) ? -1 : s.precision },
        { name: `${prefix} ${s.label} recall`, value: Number.isNaN(s.recall) ? -1 : s.recall },
      ]),
      ...recalls.map((e) => ({
        name: `${prefix} ${e.kind} events caught (fraction of ${e.events})`,
        value: e.events > 0 ? e.detected / e.events : -1,
      })),
      { name: `${prefix} false alarms per 1000 fault-free frames`, value: falseAlarmsPer1000 },
      {
        name: `${prefix} false alarms within one window after an event (fraction)`,
        value: alarmsAfterEvent / Math.max(1, any.falsePositives),
      },
    ];
    writeFileSync(
      path,
      `${JSON.stringify({ ...card, metrics: { ...card.metrics, heldOut: [...kept, ...added] } }, null, 2)}\n`,
    );
    process.stderr.write(`wrote ${added.length} metrics into ${ID}/card.json\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
