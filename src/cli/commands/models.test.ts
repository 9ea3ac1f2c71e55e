import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../ml/registry/modelCard';
import type { CliIo } from '../cliCommand';
import { main } from '../main';
import { nodeModelSource } from '../nodeModelSource';
import type { PredictEntry } from './predict';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function io(): CliIo & { out: string; err: string } {
  const state = {
    out: '',
    err: '',
    stdout: (text: string) => {
      state.out += text;
    },
    stderr: (text: string) => {
      state.err += text;
    },
    readFile: async (path: string) => new Uint8Array(readFileSync(`${root}${path}`)),
    models: nodeModelSource(`${root}public/models`),
  };
  return state;
}

describe('spectra models / predict', () => {
  it('lists the shipped model cards as JSON', async () => {
    const cli = io();
    expect(await main(['models', '--json'], cli)).toBe(0);
    const cards = JSON.parse(cli.out) as ModelCard[];
    expect(cards.map((c) => c.id)).toContain('toy-peak-counter');
    expect(cards[0]?.metrics.headline.name).toBe('accuracy');
  });

  it('predicts with uncertainty for every spectrum; unreadable files get error entries and exit 1', async () => {
    const cli = io();
    const code = await main(
      ['predict', 'toy-peak-counter', 'public/demo/soil_libs_ca_mn.csv', 'missing.csv', '--passes', '8', '--json'],
      cli,
    );
    expect(code).toBe(1);
    const entries = JSON.parse(cli.out) as PredictEntry[];
    expect(entries).toHaveLength(2);
    const [demo, missing] = entries;
    if (!demo || 'error' in demo) throw new Error('demo prediction failed');
    expect(demo).toMatchObject({ model: 'toy-peak-counter', passes: 8, stochastic: true });
    expect(demo.values.map((v) => v.name)).toEqual(['1 peak', '2 peaks', '3 peaks']);
    expect(demo.values.every((v) => Number.isFinite(v.mean) && v.sd >= 0)).toBe(true);
    expect(demo.entropy).toBeGreaterThanOrEqual(0);
    expect(missing).toMatchObject({ file: 'missing.csv', error: { code: 'FILE_NOT_READABLE' } });
  }, 60_000);

  it('says so when the model does not exist', async () => {
    const cli = io();
    expect(await main(['predict', 'no-such-model', 'public/demo/soil_libs_ca_mn.csv'], cli)).toBe(1);
    expect(cli.err).toMatch(
      /model 'no-such-model': no shipped model 'no-such-model' \(available: toy-peak-counter, gamma-nuclide-cnn[^)]*\) \[INVALID_MODEL\]/,
    );
  });

  it('rejects bad options with a usage error', async () => {
    const cli = io();
    expect(await main(['predict', 'toy-peak-counter'], cli)).toBe(2);
    expect(await main(['predict', 'toy-peak-counter', 'a.csv', '--passes', '0'], cli)).toBe(2);
    expect(await main(['models', '--nope'], cli)).toBe(2);
  });
});
