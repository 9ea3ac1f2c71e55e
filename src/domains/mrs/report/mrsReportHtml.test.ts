import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { CHALLENGE, challengeBasis } from '../fitting/challengeFixtures.testUtil';
import { quantifyMrs } from '../fitting/quantifyMrs';
import { parseLcmodelRaw } from '../formats/lcmodelRaw';
import { mrsReportHtml } from './mrsReportHtml';
import { qualityMetrics } from './qualityMetrics';
import { transientAlignment } from './transientAlignment';

const HOSTILE_METABOLITE = '<script>alert("Lac")</script>';
const HOSTILE_FILE = '"><img src=x onerror=alert(1)>.RAW';
const read = (path: string, file: string): Spectrum => {
  const [spectrum] = parseLcmodelRaw(readFileSync(new URL(path, CHALLENGE)), file, {
    mrsAcquisition: { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.2 },
  });
  if (spectrum === undefined) throw new Error(`${path}: no spectrum`);
  return spectrum;
};
// A basis whose lactate spectrum carries a hostile name (an LCModel .BASIS METABO field is free text).
const basis = challengeBasis().map((s) =>
  s.meta.metabolite === 'Lac' ? { ...s, meta: { ...s.meta, metabolite: HOSTILE_METABOLITE } } : s,
);
const metabolite = read('datasets_LCModel/dataset1.RAW', HOSTILE_FILE);
const water = read('datasets_LCModel/dataset1.H2O', 'dataset1.H2O');
const result = quantifyMrs(metabolite, basis, water, { echoTimeS: 0.03 });
const metrics = qualityMetrics(result, metabolite);
const input = {
  result,
  metrics,
  metabolite,
  water,
  basisFiles: ['press3T_30ms.BASIS'],
  pipeline: ['reference (auto)', 'lcm fit'],
  echoTimeS: 0.03,
  software: { name: 'Spectralligence Workbench', version: '9.8.7' },
  date: '2025-06-01T12:00:00.000Z',
};
const html = mrsReportHtml(input);

describe('mrsReportHtml', () => {
  it('holds a concentration table row per metabolite with rounded mM, SD, ratio and CRLB', () => {
    for (const m of result.quantification.metabolites) {
      if (m.name === HOSTILE_METABOLITE) continue;
      const row = new RegExp(
        `<td class="name">${m.name.replace('+', '\\+')}</td><td>${m.concentrationMM?.toFixed(2)}</td>` +
          `<td>${m.concentrationSdMM?.toFixed(2)}</td><td>${m.ratioToTCr.toFixed(3)}</td><td>${m.crlbPercent.toFixed(0)}</td>`,
      );
      expect(html).toMatch(row);
    }
    expect(html).toMatch(/<td class="name">NAA<\/td><td>\d+\.\d\d<\/td>/);
  });

  it('draws the fit, the components and the bar chart as inline SVG paths, and lists QA, acquisition and provenance', () => {
    expect(html.match(/<svg /g)?.length).toBe(3);
    expect(html.match(/<path d="M[\d.]+ [\d.]+L/g)?.length).toBeGreaterThan(4 + result.fit.names.length / 2);
    for (const text of ['data', 'fit', 'baseline', 'residual', 'chemical shift (ppm)', 'concentration (mM, ± CRLB)'])
      expect(html).toContain(`>${text}</text>`);
    expect(html).toContain('NAA SNR');
    expect(html).toContain('123.200 MHz');
    expect(html).toContain('30.0 / – ms');
    expect(html).toContain('2048 / 250.0 µs (4000 Hz)');
    expect(html).toContain('reference (auto) → lcm fit');
    expect(html).toContain('Spectralligence Workbench 9.8.7');
    expect(html).toContain('2025-06-01T12:00:00.000Z');
    expect(html).toContain('Kreis, Magn Reson Med 2016;75:15');
  });

  it('escapes names and file names from files: a hostile name is shown as text', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;Lac&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.RAW');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
  });

  it('is self-contained: no script, no external resource, no URL at all', () => {
    // Inside any tag (text such as the escaped hostile file name may say "src=", as text).
    expect(html).not.toMatch(/<[^>]*\b(src|href|xlink:href|action|on[a-z]+)\s*=/i);
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/url\(|@import|<link|<iframe|<object|<embed|<image|<use/i);
    expect(html.length).toBeGreaterThan(20_000);
    expect(html.length).toBeLessThan(300_000);
  });

  it('prints to one A4 page: A4 page CSS, no zoom for a usual report, a zoom below 1 for a long one', () => {
    expect(html).toContain('@page{size:A4 portrait');
    expect(html).toContain('@media print{body{zoom:1}}');
    const long = mrsReportHtml({
      ...input,
      result: { ...result, notes: [...result.notes, ...Array.from({ length: 40 }, (_, k) => `note ${k} `.repeat(20))] },
    });
    const zoom = Number(/@media print\{body\{zoom:([\d.]+)\}\}/.exec(long)?.[1]);
    expect(zoom).toBeGreaterThan(0.3);
    expect(zoom).toBeLessThan(0.9);
  });

  it('adds the per-transient alignment panels when the preprocessing recorded them, rejected transients apart', () => {
    const alignment = transientAlignment({
      'align.positions': '0,1,2,3,4,5',
      'align.shiftsHz': '0.5,-1,1.5,-2,0.25,3',
      'align.phasesDeg': '2,-4,6,-8,1,10',
      'align.window': '1.8–4.2 ppm',
      'outliers.rejectedPositions': '5',
    });
    if (alignment === undefined) throw new Error('no alignment parsed');
    const withAlignment = mrsReportHtml({ ...input, metrics: { ...metrics, alignment } });
    expect(withAlignment).toContain('Transient alignment');
    expect(withAlignment.match(/<svg /g)?.length).toBe(5);
    // 5 kept + 1 rejected dot in each of the two panels
    expect(withAlignment.match(/<circle /g)?.length).toBe(12);
    expect(withAlignment).toContain('rejected 5');
    expect(html).not.toContain('Transient alignment');
  });
});
