import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { fuzzReader } from '../../../formats/readerTestSupport';
import { parseOceanOptics } from './oceanOptics';
import { oceanOpticsTextFormat, sniffOceanOpticsText } from './oceanOptics.format';
import { byRole, haveVendor, vendorBytes, warnWithoutVendor } from './vendorFixtures.testUtil';

warnWithoutVendor('Ocean Optics text tests on the shared vendor files');

describe.skipIf(!haveVendor)('parseOceanOptics on the lightr and photobiologyInOut files (GPL, shared folder)', () => {
  it('OOusb4000.txt: SpectraSuite, 3648 pixels, 178.65–888.37 nm', () => {
    const [s] = parseOceanOptics(vendorBytes('lightr/OOusb4000.txt'), 'OOusb4000.txt');
    expect([s?.x.values.length, s?.x.values[0], s?.x.values[3647], s?.y.values[3]]).toEqual([
      3648, 178.65, 888.37, 93.625,
    ]);
    expect(s?.meta).toMatchObject({
      date: '2008-01-14T17:36:35Z',
      spectrometer: 'USB4A00428',
      integrationTimeS: 0.02,
      scansAveraged: 50,
      boxcarWidth: 30,
      nonlinearityCorrection: false,
      strayLightCorrection: false,
      pixelCountStated: 3648,
    });
  });

  it('OceanView.txt: 2389 spliced rows although the header states 2048 pixels, engineering notation', () => {
    const [s] = parseOceanOptics(vendorBytes('lightr/OceanView.txt'), 'OceanView.txt');
    expect([s?.x.values.length, s?.x.values[0], s?.x.values[2388], s?.y.values[0]]).toEqual([
      2389, 187.92, 2116.5, 18.995,
    ]);
    expect(s?.meta).toMatchObject({
      dialect: 'OceanView',
      pixelCountStated: 2048,
      pointCount: 2389,
      date: '2014-03-18T08:44:17-05:00',
      spectrometer: 'USB2+H09794',
      integrationTimeS: 0.02,
      scansAveraged: 10,
      boxcarWidth: 10,
      electricDarkCorrection: true,
      nonlinearityCorrection: false,
    });
  });

  it('OceanView_nonEN.txt: Spanish SpectraSuite (Windows-1252 keys, localised markers, decimal comma)', () => {
    const [s] = parseOceanOptics(vendorBytes('lightr/non_english/OceanView_nonEN.txt'), 'es.txt');
    expect([s?.x.values.length, s?.x.values[0], s?.y.values[0], s?.x.values[2047], s?.y.values[2047]]).toEqual([
      2048, 190.74, 133.333, 889.44, 47.588,
    ]);
    expect(s?.meta).toMatchObject({
      date: '2017-04-20T21:15:04+02:00',
      user: 'pedromon',
      spectrometer: 'JAZA1465',
      integrationTimeS: 3,
      scansAveraged: 1,
      boxcarWidth: 12,
      darkSpectrumPresent: false,
      referenceSpectrumPresent: false,
      yQuantity: 'counts',
    });
  });

  it('jazspec.jaz: W D R S P → processed first, then sample, dark, reference; P = 100·(S−D)/(R−D)', () => {
    const spectra = parseOceanOptics(vendorBytes('lightr/jazspec.jaz'), 'jazspec.jaz');
    expect(spectra.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark', 'reference']);
    const [p, sa, d, r] = ['processed', 'sample', 'dark', 'reference'].map((role) => byRole(spectra, role).y.values);
    expect([d?.[2], r?.[2], sa?.[2], p?.[3]]).toEqual([1078.986938, 1156.224609, 1064.943726, -5099.911133]);
    let checked = 0;
    for (let i = 0; i < 2048; i++) {
      const span = (r?.[i] as number) - (d?.[i] as number);
      if (Math.abs(span) < 50) continue;
      checked++;
      expect(p?.[i]).toBeCloseTo((100 * ((sa?.[i] as number) - (d?.[i] as number))) / span, 2);
    }
    expect(checked).toBeGreaterThan(1500);
    expect(spectra[0]?.meta).toMatchObject({ dialect: 'Jaz', date: '2011-08-29T16:23:13', integrationTimeS: 0.024 });
    expect(spectra[1]?.y.unit).toBe('counts');
  });

  it('irrad.JazIrrad: W D S P, irradiance in µW/cm²/nm, the calibration section after the data is not read', () => {
    const spectra = parseOceanOptics(vendorBytes('lightr/irrad.JazIrrad'), 'irrad.JazIrrad');
    expect(spectra.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark']);
    const p = spectra[0] as Spectrum;
    expect([p.x.values.length, p.x.values[2047], p.y.values[2047]]).toEqual([2048, 891.915466, 3.643908]);
    expect(p.meta).toMatchObject({
      yQuantity: 'irradiance',
      yUnit: 'µW/cm²/nm',
      fiberDiameterUm: 7140,
      collectionArea: 0.400393,
    });
  });

  it('oo-spectrum.SSIrrad and .OVIrrad (photobiologyInOut): irradiance, 1044 and 2048 pixels', () => {
    const [ss] = parseOceanOptics(vendorBytes('photobiologyInOut/oo-spectrum.SSIrrad'), 'oo.SSIrrad');
    expect([ss?.x.values.length, ss?.x.values[0], ss?.x.values[1043]]).toEqual([1044, 199.08, 998.61]);
    expect(ss?.meta).toMatchObject({
      date: '2013-05-06T15:13:40+02:00',
      yQuantity: 'irradiance',
      integrationTimeS: 0.1,
    });
    const [ov] = parseOceanOptics(vendorBytes('photobiologyInOut/oo-spectrum.OVIrrad'), 'oo.OVIrrad');
    expect([ov?.x.values.length, ov?.x.values[0], ov?.x.values[2047], ov?.y.values[2047]]).toEqual([
      2048, 178.699, 862.714, 0.12903,
    ]);
    expect(ov?.meta).toMatchObject({ integrationTimeS: 0.1, scansAveraged: 5, spectrometer: 'HR600768' });
  });

  it('sniffs every dialect at 0.95, the Jaz file fuzzed too', () => {
    for (const file of [
      'lightr/OOusb4000.txt',
      'lightr/OceanView.txt',
      'lightr/jazspec.jaz',
      'lightr/irrad.JazIrrad',
    ]) {
      expect(oceanOpticsTextFormat.sniff(vendorBytes(file).subarray(0, 65536), file)).toBe(0.95);
    }
    expect(sniffOceanOpticsText(vendorBytes('lightr/non_english/OceanView_nonEN.txt'), 'es.txt')).toBe(0.95);
    fuzzReader({
      parse: parseOceanOptics,
      fileName: 'j.jaz',
      fixture: vendorBytes('lightr/jazspec.jaz'),
      seed: 6103,
      numRuns: 60,
      maxLength: 300,
    });
  });
});
