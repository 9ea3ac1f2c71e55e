import type { Spectrum } from '../../../core';
import type { ModelRecipe } from '../../../ml/recipes';
import type { InputContract } from '../../../ml/registry/modelCard';
import { analyseGammaSpectrum } from '../analyseGammaSpectrum';
import { nuclideIdGenerator } from './nuclideIdGenerator';

/** The nuclides the CNN names (library names); natural background is always present and not a label. */
export const CNN_NUCLIDES = [
  'Am-241',
  'Ba-133',
  'Co-57',
  'Co-60',
  'Cs-134',
  'Cs-137',
  'Eu-152',
  'Ga-67',
  'I-131',
  'Ir-192',
  'Mn-54',
  'Na-22',
  'Tc-99m',
  'Tl-201',
  'U-235',
] as const;

const length = 1024;

/** 25–1600 keV covers every label's main lines (Co-60 1332, Eu-152 1408) and the IEC fixture's range. */
const input: InputContract = {
  length,
  axis: { unit: 'keV', min: 25, max: 1600 },
  normalisation: 'sqrtMax',
  domain: 'gamma',
  complex: false,
};

const generatorOptions = { nuclides: CNN_NUCLIDES, contract: input };

/**
 * Multi-label 1D CNN that names the nuclides present in a gamma spectrum, trained only on the
 * workbench's detector simulator (six detector types, random activities and shielding, background,
 * gain drift, low counts), with Monte-Carlo-dropout uncertainty. The headline is measured on a
 * held-out set at ≥ 5000 net source counts, as issue 4 asks.
 */
export const gammaNuclideCnn: ModelRecipe = {
  id: 'gamma-nuclide-cnn',
  name: 'Gamma nuclide identifier (CNN)',
  summary:
    'Names which of 15 common nuclides are present in a gamma spectrum (NaI, CsI, LaBr₃, CZT or HPGe, 25–1600 keV), each with a probability ± SD from Monte-Carlo dropout. Trained on simulated spectra only.',
  task: 'multilabel',
  domain: 'gamma',
  architecture: {
    kind: 'cnn1d',
    inputLength: length,
    filters: [16, 32, 48, 64],
    kernelSize: 9,
    // Flatten, not global average pooling: which nuclide a peak belongs to depends on where it is.
    pooling: 'flatten',
    denseUnits: [96],
    denseDropoutRate: 0.3,
    head: 'multiLabel',
    outputs: CNN_NUCLIDES.length,
    seed: 20261125,
  },
  generator: nuclideIdGenerator({ ...generatorOptions, netCounts: [1000, 500_000], minShare: 0.05 }),
  extraTestSets: [
    {
      name: '≥ 5000 net counts',
      description:
        'the same simulator with net source counts log-uniform in 5000–200000 and the sources within 5× of each other (background-only samples included)',
      generator: nuclideIdGenerator({ ...generatorOptions, netCounts: [5000, 200_000] }),
      size: 1500,
    },
  ],
  sizes: { train: 20_000, validation: 1_500, test: 1_500 },
  seed: 4104,
  input,
  outputs: [{ name: 'nuclides', classes: CNN_NUCLIDES }],
  loss: 'binaryCrossentropy',
  learningRate: 0.002,
  train: {
    epochs: 20,
    batchSize: 64,
    learningRate: { kind: 'cosine', initial: 0.002, minimum: 0.0001 },
    earlyStopping: { patience: 4, minDelta: 0.0005 },
  },
  headline: { name: '≥ 5000 net counts: macro-F1', tolerance: 0.02 },
  passes: 30,
  realData: [
    { path: 'test/fixtures/grs/rc_dt_Cs137_b.xml', note: 'RadiaCode-102 (CsI), Cs-137 source: expect Cs-137' },
    { path: 'test/fixtures/grs/rc_dt_Co60_a.xml', note: 'RadiaCode-102 (CsI), Co-60 source: expect Co-60' },
    { path: 'test/fixtures/grs/rc_data_am241.xml', note: 'RadiaCode-102 (CsI), Am-241 source: expect Am-241' },
    {
      path: 'test/fixtures/grs/rc_trinitite.xml',
      note: 'RadiaCode-103 (CsI), trinitite (72 h): expect Cs-137 and Am-241',
    },
    { path: 'test/fixtures/grs/rc_dt_bg.xml', note: 'RadiaCode-102 background: expect none' },
    {
      path: 'test/fixtures/grs/bq_1110C_naa_cave_pottery_hpge.spe',
      note: 'HPGe, activated pottery: expect Co-60, Cs-134, Eu-152 (Sc-46, Eu-154 are not labels)',
    },
    {
      path: 'test/fixtures/grs/bq_1110C_naa_cave_background_hpge.spe',
      note: 'HPGe lead-cave background: expect no Na-22 (no 1274.5 keV line beside its strong 511 keV peak); U-235 (143.8, 163.4, 185.7 and 205.3 keV lines found by the peak search, 186 keV far above the Ra-226 share) and traces of Co-60 and Cs-137 are really there',
    },
    { path: 'test/fixtures/grs/bq_hpge_dummy_test_01.iec', note: 'HPGe, synthetic Co-60-like test file: expect Co-60' },
    { path: 'test/fixtures/grs/bq_alcatraz14_transspec_hpge.spc', note: 'HPGe outdoor background: expect none' },
  ],
  describeRealSpectrum: classicalSummary,
  limitations: [
    'Trained on simulated spectra only: the simulator overestimates the high-energy background of small crystals and the Co-60 Compton edges of CsI, and its CsI resolution at 1.3 MeV is broader than measured (simulation notes); real spectra unlike the simulated ones may be misread.',
    'Knows 15 nuclides. It was trained with 38 other nuclides beside the labels as unlabelled distractors (activation products, other calibration and medical nuclides, positron emitters, excess natural activity), so that their peaks do not hide or fake a label; a nuclide outside both lists may still be mistaken for a look-alike label. Natural background (K-40, U/Th series with natural U-235) is assumed present and is not reported.',
    'Only 25–1600 keV is seen (resampled to 1024 points, ≈1.5 keV each): HPGe spectra lose part of their resolution advantage (lines closer than about 2 keV merge), and lines above 1600 keV are ignored.',
    'Spectra must be energy-calibrated (keV axis); an uncalibrated spectrum is refused. HPGe spectra are trusted to their calibration within ±0.2 % and ±0.7 keV (scintillators ±3 %, LaBr₃ ±2 %, CZT ±1 %): a worse HPGe calibration may move lines onto other labels.',
    'Measured on the real HPGe fixtures (see "On real data"): the activated pottery gives Co-60, Cs-134 and Eu-152 (Sc-46 and Eu-154 are not labels and are ignored); the lead-cave background gives Co-60 and U-235, both supported by the library method (uranium far out of equilibrium, 143.8/163.4/185.7/205.3 keV present; Co-60 contamination), and no Na-22 beside its strong 511 keV peak. Earlier versions of this model failed both (Cs-134 missed, Na-22 invented); what fixed them: unlabelled distractor nuclides, a 511 keV line of variable strength in the background, lead-cave background levels, per-detector calibration drift (HPGe ±0.2 % instead of ±3 %) and weak sources beside strong ones (relative weights down to 0.05).',
    "On an independent simulator (InterSpec's GADRAS v19 reference spectra, 11 detector models, the 15 nuclides unshielded and shielded, 1800 s; `npx tsx scripts/gamma/evaluateOnGadras.ts --cnn`) it names the source in 26–28 of 30 spectra per detector with 1–3 other nuclides in all 30, except the IdentiFINDER-NG, where it names 28 others: that file family's deviation pairs move its lines by about +5 keV, which the training never saw. The library method on the same spectra: 13–26 of 30, 2–33 others.",
    'Held-out F1 over all counts (1000–500000, sources down to 5 % of the counts) is lowest for Tl-201 (0.89), Ba-133 (0.91) and Na-22 (0.91, Eu-154’s 1274.4 keV line among the distractors); at ≥ 5000 counts with the sources within 5× of each other, for Mn-54 (0.94) and Na-22 (0.94).',
  ],
};

/** The classical identification of a real spectrum (with the file's own background measurement, if any), for the card. */
function classicalSummary(spectrum: Spectrum, file: readonly Spectrum[]): string {
  const background = file.find((s) => s !== spectrum && s.meta.measurementClass === 'Background');
  try {
    const { candidates } = analyseGammaSpectrum(
      spectrum,
      background === undefined ? {} : { background },
    ).identification;
    const named = candidates.filter((c) => !c.naturalBackground).map((c) => `${c.nuclide} ${c.score.toFixed(2)}`);
    const natural = candidates.filter((c) => c.naturalBackground).map((c) => c.nuclide);
    return `${named.length === 0 ? 'no man-made nuclide' : named.join(', ')}${natural.length > 0 ? ` (natural: ${natural.join(', ')})` : ''}`;
  } catch (error) {
    return `not analysed (${(error as Error).message})`;
  }
}
