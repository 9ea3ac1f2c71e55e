import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { gammaOverlayInput } from '../features/gammaOverlayInput';
import { emptyGammaAnalysis } from './gammaAnalysis.testUtil';
import { backgroundIdFor, defaultBackgroundId, isAnalysableGamma } from './gammaSlice';
import { createWorkbenchStore } from './workbenchStore';

function gamma(file: string, index: number, meta: Spectrum['meta'] = {}, unit: 'keV' | 'channel' = 'keV'): Spectrum {
  return {
    id: `${file}#${index}`,
    name: `${file} ${index}`,
    file,
    domain: 'gamma',
    x: { values: Float64Array.from({ length: 8 }, (_, i) => i), unit, quantity: unit === 'keV' ? 'energy' : 'channel' },
    y: { values: new Float64Array(8).fill(5), unit: 'counts' },
    meta,
  };
}

function withFiles(...groups: Spectrum[][]) {
  const store = createWorkbenchStore();
  for (const spectra of groups) {
    const file = (spectra[0] as Spectrum).file;
    store
      .getState()
      .addFile({ file, format: 'gamma-x', domain: 'gamma', spectrumIds: spectra.map((s) => s.id) }, spectra);
  }
  return store;
}

const analysis = emptyGammaAnalysis;

describe('gamma slice', () => {
  it('preselects a background measurement of the same file, and follows the user’s choice', () => {
    const store = withFiles(
      [gamma('rc.xml', 0, { measurementClass: 'Foreground' }), gamma('rc.xml', 1, { measurementClass: 'Background' })],
      [gamma('other.spe', 0)],
    );
    const state = () => store.getState();
    expect(defaultBackgroundId(state(), 'rc.xml#0')).toBe('rc.xml#1');
    expect(defaultBackgroundId(state(), 'rc.xml#1')).toBeNull();
    expect(defaultBackgroundId(state(), 'other.spe#0')).toBeNull();
    state().setBackgroundChoice('rc.xml#0', 'other.spe#0');
    expect(backgroundIdFor(state(), 'rc.xml#0')).toBe('other.spe#0');
    state().setBackgroundChoice('rc.xml#0', null);
    expect(backgroundIdFor(state(), 'rc.xml#0')).toBeNull();
    // A chosen background that is closed is no longer used.
    state().setBackgroundChoice('rc.xml#0', 'other.spe#0');
    state().removeFile('other.spe');
    expect(backgroundIdFor(state(), 'rc.xml#0')).toBeNull();
    expect(isAnalysableGamma(gamma('c.spe', 0, {}, 'channel'))).toBe(false);
  });

  it('switches to a log scale for gamma files until the user chooses', () => {
    const store = createWorkbenchStore();
    expect(store.getState().logIntensity).toBe(false);
    store.getState().applyGammaLogDefault();
    expect(store.getState().logIntensity).toBe(true);
    store.getState().setLogIntensityByUser(false);
    store.getState().applyGammaLogDefault();
    expect(store.getState().logIntensity).toBe(false);
  });

  it('adds a derived spectrum under its file, selected, by reference; the same id again replaces it', () => {
    const series = Array.from({ length: 3 }, (_, i) => gamma('t.rcspg', i));
    const store = withFiles(series);
    const sum = { ...gamma('t.rcspg', 0), id: 't.rcspg#0/sum3', name: 'sum' };
    store.getState().addDerivedSpectrum('t.rcspg', sum);
    let state = store.getState();
    expect(state.files[0]?.spectrumIds).toEqual(['t.rcspg#0', 't.rcspg#1', 't.rcspg#2', 't.rcspg#0/sum3']);
    expect(state.spectra['t.rcspg#0/sum3']).toBe(sum);
    expect(state.selectedIds).toEqual(['t.rcspg#0/sum3']);
    expect(state.derivedIds).toEqual(['t.rcspg#0/sum3']);
    const again = { ...sum, name: 'sum again' };
    store.getState().addDerivedSpectrum('t.rcspg', again);
    state = store.getState();
    expect(state.files[0]?.spectrumIds).toHaveLength(4);
    expect(state.spectrumOrder).toHaveLength(4);
    expect(state.spectra['t.rcspg#0/sum3']).toBe(again);
    store.getState().addDerivedSpectrum('missing.n42', sum);
    expect(store.getState().spectrumOrder).toHaveLength(4);
    // Closing the file drops the sum with it.
    store.getState().removeFile('t.rcspg');
    expect(store.getState().spectra['t.rcspg#0/sum3']).toBeUndefined();
  });

  it('toggles line overlays in the order they are switched on', () => {
    const store = createWorkbenchStore();
    store.getState().toggleLineOverlay('Cs-137');
    store.getState().toggleLineOverlay('Co-60');
    store.getState().toggleLineOverlay('Cs-137');
    expect(store.getState().lineOverlays).toEqual(['Co-60']);
    store
      .getState()
      .setNuclideLibrary([{ name: 'Co-60', halfLifeS: 1, category: 'industrial', lines: [], source: 'test' }]);
    expect(Object.keys(store.getState().nuclides ?? {})).toEqual(['Co-60']);
  });

  it('builds the plot overlay input from the first selected spectrum’s current run only', () => {
    const fg = gamma('rc.xml', 0, { liveTimeS: 10 });
    const bg = gamma('rc.xml', 1, { measurementClass: 'Background', liveTimeS: 40 });
    const store = withFiles([fg, bg]);
    const peaks = [
      {
        centroidKeV: 3,
        centroidSigmaKeV: 0.1,
        fwhmKeV: 1,
        fwhmSigmaKeV: 0.1,
        netArea: 10,
        netAreaSigma: 3,
        significance: 3.3,
        centroidChannel: 3,
        regionId: 0,
      },
    ];
    // No run yet: the background is drawn, scaled by the live-time ratio.
    let input = gammaOverlayInput(store.getState());
    expect(input?.spectrum).toBe(fg);
    expect(input?.peaks).toBeUndefined();
    expect(input?.background).toEqual({ spectrum: bg, scale: 0.25 });
    store.getState().setGammaRun(fg.id, {
      spectrum: fg,
      backgroundId: bg.id,
      status: 'done',
      analysis: analysis(fg.id, { peaks, backgroundId: bg.id, backgroundScale: 0.3 }),
      error: null,
    });
    store.getState().toggleLineOverlay('Cs-137');
    store.getState().setNuclideLibrary([
      {
        name: 'Cs-137',
        halfLifeS: 1,
        category: 'industrial',
        lines: [{ energyKeV: 5, intensityPct: 85, kind: 'gamma' }],
        source: 't',
      },
    ]);
    input = gammaOverlayInput(store.getState());
    expect(input?.peaks).toBe(peaks);
    expect(input?.background?.scale).toBe(0.3);
    expect(input?.nuclideLines?.map((n) => n.nuclide)).toEqual(['Cs-137']);
    store.getState().setShowBackgroundTrace(false);
    expect(gammaOverlayInput(store.getState())?.background).toBeNull();
    // The file loaded again under the same name: the old run no longer applies.
    const reloaded = { ...fg };
    store
      .getState()
      .addFile({ file: 'rc.xml', format: 'gamma-x', domain: 'gamma', spectrumIds: [fg.id, bg.id] }, [reloaded, bg]);
    expect(gammaOverlayInput(store.getState())?.peaks).toBeUndefined();
    // Not a gamma spectrum with an energy axis: no overlays.
    store.getState().toggleSelected(fg.id);
    expect(gammaOverlayInput(store.getState())).toBeNull();
  });
});
