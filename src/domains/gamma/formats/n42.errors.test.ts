import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkbenchError } from '../../../core';
import { parseN42 } from './n42';
import { errorFor, fuzzReader, parseOutcome } from './readerTestSupport';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const fixture = new Uint8Array(readFileSync(path.resolve(process.cwd(), 'test/fixtures/grs/rc_data_am241.n42')));
const n2012 = (
  inner: string,
  calibration = '<EnergyCalibration id="c"><CoefficientValues>0 1</CoefficientValues></EnergyCalibration>',
): Uint8Array =>
  encode(
    `<RadInstrumentData><RadDetectorInformation id="d"><RadDetectorCategoryCode>Gamma</RadDetectorCategoryCode></RadDetectorInformation>${calibration}<RadMeasurement id="m">${inner}</RadMeasurement></RadInstrumentData>`,
  );
const spectrum = (channelData: string, extra = ''): string =>
  `<Spectrum radDetectorInformationReference="d" energyCalibrationReference="c">${extra}${channelData}</Spectrum>`;

const failure = (bytes: Uint8Array): WorkbenchError => errorFor('bad.n42', () => parseN42(bytes, 'bad.n42'));

describe('N42 errors', () => {
  it.each([
    ['plain text', encode('hello, world'), 'NOT_A_SPECTRUM'],
    ['another XML document', encode('<svg><g/></svg>'), 'NOT_A_SPECTRUM'],
    ['no spectrum', n2012(''), 'NOT_A_SPECTRUM'],
    ['binary bytes', new Uint8Array([0x3c, 0, 1, 2, 3]), 'INVALID_DATA'],
    ['cut in the middle', fixture.subarray(0, 3000), 'TRUNCATED'],
    ['mis-nested elements', n2012('<Remark>a</Spectrum>'), 'INVALID_DATA'],
    ['a count that is not a number', n2012(spectrum('<ChannelData>1 2 x3</ChannelData>')), 'INVALID_DATA'],
    [
      'CountedZeroes ending in 0',
      n2012(spectrum('<ChannelData compressionCode="CountedZeroes">1 0</ChannelData>')),
      'INVALID_DATA',
    ],
    [
      'CountedZeroes run that is not whole',
      n2012(spectrum('<ChannelData compressionCode="CountedZeroes">0 2.5</ChannelData>')),
      'INVALID_DATA',
    ],
    [
      'CountedZeroes run of 10^12 channels',
      n2012(spectrum('<ChannelData compressionCode="CountedZeroes">0 1e12</ChannelData>')),
      'INVALID_DATA',
    ],
    [
      'a live time that is not a duration',
      n2012(spectrum('<ChannelData>1</ChannelData>', '<LiveTimeDuration>soon</LiveTimeDuration>')),
      'INVALID_DATA',
    ],
    [
      'deviation pairs of unequal length',
      n2012(
        spectrum('<ChannelData>1 2</ChannelData>'),
        '<EnergyCalibration id="c"><CoefficientValues>0 1</CoefficientValues><EnergyValues>1 2</EnergyValues><EnergyDeviationValues>1</EnergyDeviationValues></EnergyCalibration>',
      ),
      'INVALID_DATA',
    ],
    [
      'an element named __proto__',
      encode('<RadInstrumentData><__proto__>1</__proto__></RadInstrumentData>'),
      'INVALID_DATA',
    ],
  ])('%s → %s', (_name, bytes, code) => {
    expect(failure(bytes).code).toBe(code);
  });

  it('tells where a bad value is', () => {
    expect(failure(n2012(spectrum('<ChannelData>1 2 x3</ChannelData>'))).message).toContain('"x3"');
  });
});

describe('N42 robustness (fast-check, fixed seed)', () => {
  it('random bytes, truncations and byte mutations of a real file never throw anything but a WorkbenchError', () => {
    fuzzReader({ parse: parseN42, fileName: 'fuzz.n42', fixture, seed: 4242, maxLength: 2000 });
  });
  it('text mutations that keep the XML well-formed more often (digits and tags swapped)', () => {
    const text = new TextDecoder().decode(fixture);
    const token = fc.constantFrom(
      '0',
      '-1',
      'NaN',
      'x',
      '1e400',
      'CountedZeroes',
      '<',
      '</Spectrum>',
      '',
      ' 0 ',
      'PT',
      '"',
    );
    fc.assert(
      fc.property(fc.nat(text.length - 1), token, (at, insert) => {
        parseOutcome(parseN42, encode(text.slice(0, at) + insert + text.slice(at + 1)), 'fuzz.n42');
      }),
      { seed: 4242, numRuns: 200 },
    );
  });
});
