import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../fakeIo.testUtil';
import { main } from '../main';
import type { InspectedFile } from './inspect';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/mrs/${name}`, import.meta.url)));

describe('spectra inspect on MRS files', () => {
  const files = {
    'act.sdat': fixture('osprey_philips_press/sub-01_PRESS_35_act.sdat'),
    'act.spar': fixture('osprey_philips_press/sub-01_PRESS_35_act.spar'),
    'svs.rda': fixture('suspect_siemens/SVS_30.rda'),
  };

  it('reads a Philips .sdat with its .spar given beside it, and shows the acquisition', async () => {
    const io = fakeIo(files);
    expect(await main(['inspect', 'act.sdat', 'act.spar', 'svs.rda'], io)).toBe(0);
    expect(io.out).toMatch(/act\.sdat {2}mrs-spar-sdat {2}mrs {2}1 spectrum/);
    expect(io.out).not.toMatch(/^act\.spar/m);
    expect(io.out).toMatch(/1H 127\.751 MHz {2}SW 2000 Hz {2}TE 35 ms {2}TR 2000 ms {2}64 averages/);
    expect(io.out).toMatch(/1H 123\.235 MHz/);
  });

  it('explains that a lone .sdat needs its .spar', async () => {
    const io = fakeIo(files);
    expect(await main(['inspect', 'act.sdat', '--json'], io)).toBe(1);
    const [entry] = JSON.parse(io.out) as InspectedFile[];
    expect(entry && 'error' in entry ? entry.error.message : '').toMatch(/needs its \.spar/);
  });
});
