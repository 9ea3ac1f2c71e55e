import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../formats/detectFormat';
import { parseFile } from '../../../formats/parseFile';
import { listFormats } from '../../../formats/registry';
import { jmruiFormat } from './jmrui.format';
import { lcmodelBasisFormat } from './lcmodelBasis.format';
import { lcmodelRawFormat } from './lcmodelRaw.format';
import { rdaFormat } from './rda.format';
import { sparSdatFormat } from './sparSdat.format';

const FIXTURES = new URL('../../../../test/fixtures/mrs/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const formats = [...listFormats(), rdaFormat, sparSdatFormat, lcmodelRawFormat, lcmodelBasisFormat, jmruiFormat];

describe('the vendor descriptors among the registered formats', () => {
  it.each([
    ['suspect_siemens/SVS_30.rda', 'mrs-rda'],
    ['osprey_philips_press/sub-01_PRESS_35_act.sdat', 'mrs-spar-sdat'],
    ['osprey_philips_press/sub-01_PRESS_35_act.spar', 'mrs-spar-sdat'],
    ['ismrm2016_fitting_challenge/datasets_LCModel/dataset1.RAW', 'mrs-lcmodel-raw'],
    ['ismrm2016_fitting_challenge/datasets_LCModel/dataset1.H2O', 'mrs-lcmodel-raw'],
    ['ismrm2016_fitting_challenge/datasets_JMRUI/dataset1_WS.txt', 'mrs-jmrui'],
  ])('%s is detected as %s', (name, id) => {
    expect(detectFormat(bytesOf(name), name.split('/').pop() as string, formats).id).toBe(id);
  });

  it('parseFile reads the RDA and jMRUI fixtures, and explains the lone .sdat and the .RAW without acquisition', async () => {
    const rda = await parseFile(bytesOf('suspect_siemens/SVS_30.rda'), 'SVS_30.rda', { formats });
    expect(rda.ok && rda.value.domain).toBe('mrs');
    const jmrui = await parseFile(bytesOf('ismrm2016_fitting_challenge/datasets_JMRUI/dataset1_WS.txt'), 'd_WS.txt', {
      formats,
    });
    expect(jmrui.ok && jmrui.value.spectra[0]?.meta.format).toBe('mrs-jmrui');
    const sdat = await parseFile(bytesOf('osprey_philips_press/sub-01_PRESS_35_act.sdat'), 'a.sdat', { formats });
    expect(!sdat.ok && sdat.error.code).toBe('NOT_A_SPECTRUM');
    const raw = await parseFile(bytesOf('ismrm2016_fitting_challenge/datasets_LCModel/dataset1.RAW'), 'd.RAW', {
      formats,
    });
    expect(!raw.ok && raw.error.code).toBe('INVALID_DATA');
  });
});
