/**
 * `npm run bench:mrs` — time of a linear-combination fit per spectrum (a script, not a timed test).
 *
 * Fits ISMRM 2016 fitting-challenge datasets 1–5 (2048 points, 21-metabolite basis + measured MM)
 * and the Philips in vivo PRESS fixture (2048 points, 17 metabolites + 8 parametric MM/lipids,
 * after ECC with its water reference), each `--runs` times after a warm-up, and prints the median
 * fit time (in vivo: referencing + fit + water fit + quantification, and the fit alone), the
 * nonlinear iterations of each fit, the one-off basis preparation, and the ratio to LCModel 6.3's times on this kind of
 * machine as the issue states them (1.27 s per challenge spectrum, 2.7 s per in vivo spectrum:
 * LCModel cannot run here, so these two are quoted figures, not measured in this run).
 *
 * Options: --quick (3 runs), --json.
 */
import { readFileSync } from 'node:fs';
import { fitLcm } from '../../src/domains/mrs/fitting/fitLcm';
import { prepareBasis } from '../../src/domains/mrs/fitting/prepareBasis';
import { quantifyMrs } from '../../src/domains/mrs/fitting/quantifyMrs';
import { parseLcmodelBasis } from '../../src/domains/mrs/formats/lcmodelBasis';
import { parseLcmodelRaw } from '../../src/domains/mrs/formats/lcmodelRaw';
import { registerDomains } from '../../src/domains/registerDomains';
import { parseFile } from '../../src/formats';
import { runPipelineGroups } from '../../src/pipeline/runPipelineGroups';
import { validatePipeline } from '../../src/pipeline/validatePipeline';
import { describeMachine, median } from './timing';

const flags = new Set(process.argv.slice(2));
const runs = flags.has('--quick') ? 3 : 10;
const root = new URL('../../', import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(new URL(path, root)));
const CHALLENGE = 'test/fixtures/mrs/ismrm2016_fitting_challenge/';
const LCMODEL_CHALLENGE_S = 1.27;
const LCMODEL_IN_VIVO_S = 2.7;

function timeIt(run: () => void): number[] {
  run();
  return Array.from({ length: runs }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
}

async function main(): Promise<void> {
  registerDomains();
  const acquisition = { points: 2048, dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.2, centrePpm: 4.65 };
  const basis = parseLcmodelBasis(read(`${CHALLENGE}basisset_LCModel/press3T_30ms.BASIS`), 'press3T_30ms.BASIS');
  const prepareMs = timeIt(() => prepareBasis(basis, acquisition));
  const prepared = prepareBasis(basis, acquisition);
  const challengeMs: number[] = [];
  const challengeIterations: number[] = [];
  for (let n = 1; n <= 5; n++) {
    const [spectrum] = parseLcmodelRaw(read(`${CHALLENGE}datasets_LCModel/dataset${n}.RAW`), `dataset${n}.RAW`, {
      mrsAcquisition: { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.2 },
    });
    if (spectrum === undefined) throw new Error(`dataset${n}: no spectrum`);
    const fid = { re: spectrum.y.values, im: spectrum.y.imaginary ?? new Float64Array(2048) };
    challengeMs.push(median(timeIt(() => fitLcm(fid, prepared))));
    challengeIterations.push(fitLcm(fid, prepared).iterations);
  }
  // In vivo: the Philips pair through the default preprocessing (ECC), then the fit alone is timed.
  const philips = 'test/fixtures/mrs/osprey_philips_press/';
  const names = [
    'sub-01_PRESS_35_act.sdat',
    'sub-01_PRESS_35_act.spar',
    'sub-01_PRESS_35_ref.sdat',
    'sub-01_PRESS_35_ref.spar',
  ];
  const companions = new Map(names.map((name) => [name, read(philips + name)]));
  const spectra = [];
  for (const name of [names[0], names[2]] as string[]) {
    const parsed = await parseFile(companions.get(name) as Uint8Array, name, { companions });
    if (!parsed.ok) throw new Error(parsed.error.message);
    spectra.push(...parsed.value.spectra);
  }
  const pipeline = validatePipeline(
    JSON.parse(new TextDecoder().decode(read('examples/pipelines/mrs-svs-preprocess.json'))),
  );
  const ready = (await runPipelineGroups(spectra, pipeline)).outputs;
  const metabolite = ready.find((s) => s.meta.role !== 'water');
  const water = ready.find((s) => s.meta.role === 'water');
  if (metabolite === undefined) throw new Error('no metabolite spectrum');
  const inVivoBasis = parseLcmodelBasis(
    read('test/fixtures/mrs/basis_sets/3T_PRESS_Philips_35ms_noMM.BASIS'),
    'philips.BASIS',
  );
  const first = quantifyMrs(metabolite, inVivoBasis, water);
  const inVivoFitMs: number[] = [];
  const inVivoMs = timeIt(() => {
    inVivoFitMs.push(quantifyMrs(metabolite, [], water, { preparedBasis: first.basis }).timings.fitMs);
  });
  const challengeMedian = median(challengeMs);
  const inVivoMedian = median(inVivoMs);
  const result = {
    machine: describeMachine('not used'),
    runs,
    basisPreparationMs: median(prepareMs),
    challengeFitMs: challengeMs,
    challengeIterations,
    challengeMedianMs: challengeMedian,
    challengeSpeedupVsLcmodel: (LCMODEL_CHALLENGE_S * 1000) / challengeMedian,
    inVivoQuantifyMs: inVivoMedian,
    inVivoFitMs: median(inVivoFitMs.slice(1)),
    inVivoIterations: first.fit.iterations,
    inVivoSpeedupVsLcmodel: (LCMODEL_IN_VIVO_S * 1000) / inVivoMedian,
  };
  if (flags.has('--json')) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `MRS linear-combination fit (${runs} runs each, median)\n` +
      `  basis preparation (21 spectra, once per basis and acquisition): ${result.basisPreparationMs.toFixed(0)} ms\n` +
      `  challenge datasets 1–5: ${challengeMs.map((t) => t.toFixed(0)).join(', ')} ms; median ${challengeMedian.toFixed(0)} ms` +
      ` → ${result.challengeSpeedupVsLcmodel.toFixed(1)}× LCModel's quoted 1.27 s` +
      ` (iterations ${challengeIterations.join(', ')})\n` +
      `  Philips in vivo (referencing + fit + water fit + quantification): ${inVivoMedian.toFixed(0)} ms` +
      ` → ${result.inVivoSpeedupVsLcmodel.toFixed(1)}× LCModel's quoted 2.7 s` +
      ` (fit alone ${result.inVivoFitMs.toFixed(0)} ms, ${result.inVivoIterations} iterations)\n`,
  );
}

await main();
