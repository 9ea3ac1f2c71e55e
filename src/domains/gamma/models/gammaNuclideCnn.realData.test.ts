import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LayersModel } from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseFile } from '../../../formats/parseFile';
import { initBackend } from '../../../ml/backend/initBackend';
import { predictSpectra } from '../../../ml/inference/predictSpectra';
import type { ModelCard } from '../../../ml/registry/modelCard';
import { loadShippedModel } from '../../../ml/registry/modelRegistry';
import { registerDomains } from '../../registerDomains';

const modelsDir = fileURLToPath(new URL('../../../../public/models/', import.meta.url));

async function read(name: string): Promise<Spectrum> {
  const bytes = new Uint8Array(readFileSync(resolve(process.cwd(), 'test/fixtures/grs', name)));
  const parsed = await parseFile(bytes, name);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.value.spectra[0] as Spectrum;
}

/**
 * The shipped CNN on the real HPGe fixtures whose content is known (its card's "On real data"),
 * as a test, so that a retrained model cannot quietly lose them: the activated pottery (Co-60,
 * Cs-134 and Eu-152 among Sc-46 and Eu-154, which are not labels) and the lead-cave background,
 * whose strong 511 keV peak without a 1274.5 keV line is no Na-22.
 */
describe('gamma-nuclide-cnn on real HPGe spectra', () => {
  let model: LayersModel;
  let card: ModelCard;
  beforeAll(async () => {
    registerDomains();
    await initBackend('wasm');
    ({ model, card } = await loadShippedModel(
      {
        readText: (path) => readFile(join(modelsDir, path), 'utf8'),
        readBytes: async (path) => new Uint8Array(await readFile(join(modelsDir, path))),
      },
      'gamma-nuclide-cnn',
    ));
  });
  afterAll(() => model?.dispose());

  async function probabilities(name: string): Promise<Map<string, number>> {
    const [result] = await predictSpectra(model, card, [await read(name)], { passes: 30 });
    if (result === undefined || !result.ok) throw new Error(`${name}: no prediction`);
    return new Map(result.value.values.map((v) => [v.name, v.mean]));
  }

  it('names Co-60, Cs-134 and Eu-152 in the neutron-activated pottery', async () => {
    const p = await probabilities('bq_1110C_naa_cave_pottery_hpge.spe');
    for (const nuclide of ['Co-60', 'Cs-134', 'Eu-152']) expect(p.get(nuclide), nuclide).toBeGreaterThanOrEqual(0.5);
  }, 60_000);

  it('does not read the lead-cave background’s annihilation peak as Na-22', async () => {
    const p = await probabilities('bq_1110C_naa_cave_background_hpge.spe');
    expect(p.get('Na-22')).toBeLessThan(0.5);
  }, 60_000);
});
