import { describe, expect, it } from 'vitest';
import { type BackendProbe, chooseBackendOrder, parseBackendPreference } from './chooseBackend';

const realGpu: BackendProbe['webgpu'] = { available: true, isFallbackAdapter: false, description: 'nvidia ampere' };
const swiftShader: BackendProbe['webgpu'] = {
  available: true,
  isFallbackAdapter: true,
  description: 'google swiftshader (fallback adapter)',
};
const noAdapter: BackendProbe['webgpu'] = { available: false, isFallbackAdapter: false, description: '' };

const browser = (webgpu: BackendProbe['webgpu']): BackendProbe => ({ webgpu, wasm: true, webgl: true });
const node: BackendProbe = { webgpu: null, wasm: true, webgl: false };

describe('chooseBackendOrder', () => {
  it('auto prefers a real WebGPU adapter, then wasm, webgl, cpu', () => {
    expect(chooseBackendOrder(browser(realGpu), 'auto')).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
  });

  it('auto skips a fallback (software) WebGPU adapter', () => {
    expect(chooseBackendOrder(browser(swiftShader), 'auto')).toEqual(['wasm', 'webgl', 'cpu']);
  });

  it('auto skips WebGPU without an adapter or without navigator.gpu', () => {
    expect(chooseBackendOrder(browser(noAdapter), 'auto')).toEqual(['wasm', 'webgl', 'cpu']);
    expect(chooseBackendOrder(browser(null), 'auto')).toEqual(['wasm', 'webgl', 'cpu']);
  });

  it('auto in Node is wasm then cpu', () => {
    expect(chooseBackendOrder(node, 'auto')).toEqual(['wasm', 'cpu']);
  });

  it('auto falls back to cpu alone when nothing else exists', () => {
    expect(chooseBackendOrder({ webgpu: null, wasm: false, webgl: false }, 'auto')).toEqual(['cpu']);
  });

  it('an explicit webgpu goes first even on a fallback adapter', () => {
    expect(chooseBackendOrder(browser(swiftShader), 'webgpu')).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
  });

  it('an explicit preference goes first even when the probe says it will fail', () => {
    expect(chooseBackendOrder(node, 'webgpu')).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(chooseBackendOrder(node, 'webgl')).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it('an explicit preference keeps the auto order after it, without repeats', () => {
    expect(chooseBackendOrder(browser(realGpu), 'webgl')).toEqual(['webgl', 'webgpu', 'wasm', 'cpu']);
    expect(chooseBackendOrder(browser(realGpu), 'cpu')).toEqual(['cpu', 'webgpu', 'wasm', 'webgl']);
    expect(chooseBackendOrder(browser(swiftShader), 'wasm')).toEqual(['wasm', 'webgl', 'cpu']);
  });

  it('every order ends with a backend that cannot fail and has no duplicates', () => {
    const probes = [browser(realGpu), browser(swiftShader), browser(noAdapter), browser(null), node];
    for (const probe of probes) {
      for (const preference of ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const) {
        const order = chooseBackendOrder(probe, preference);
        expect(new Set(order).size).toBe(order.length);
        expect(order).toContain('cpu');
        if (preference !== 'auto') expect(order[0]).toBe(preference);
      }
    }
  });
});

describe('parseBackendPreference', () => {
  it('reads the known names, ignoring case and blanks', () => {
    expect(parseBackendPreference('webgpu')).toBe('webgpu');
    expect(parseBackendPreference('wasm')).toBe('wasm');
    expect(parseBackendPreference(' WebGL ')).toBe('webgl');
    expect(parseBackendPreference('CPU')).toBe('cpu');
    expect(parseBackendPreference('auto')).toBe('auto');
  });

  it('turns anything else into auto', () => {
    expect(parseBackendPreference(null)).toBe('auto');
    expect(parseBackendPreference(undefined)).toBe('auto');
    expect(parseBackendPreference('')).toBe('auto');
    expect(parseBackendPreference('tensorflow')).toBe('auto');
    expect(parseBackendPreference('webgpu2')).toBe('auto');
  });
});
