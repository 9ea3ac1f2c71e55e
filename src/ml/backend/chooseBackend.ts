/**
 * Which tfjs backend to try first: a pure decision over what the runtime offers, so that it can be
 * tested without a GPU, a worker or tfjs. `initBackend` gathers the probe and walks the order.
 */

/** The tfjs backends the workbench knows. */
export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** What the user asked for: `auto`, or one backend to try first. */
export type BackendPreference = 'auto' | BackendName;

/** Every backend, in the order `auto` prefers them. */
export const backendNames: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/** What the runtime offers, as found before any backend is initialised. */
export interface BackendProbe {
  /**
   * `null` when `navigator.gpu` does not exist. Otherwise `available` says whether
   * `requestAdapter()` gave an adapter; `isFallbackAdapter` is true for a software adapter
   * (SwiftShader in headless Chromium, browser-notes.md §0), which is correct but 5–60x slower
   * than wasm.
   */
  readonly webgpu: {
    readonly available: boolean;
    readonly isFallbackAdapter: boolean;
    readonly description: string;
  } | null;
  /** WebAssembly exists. */
  readonly wasm: boolean;
  /** The webgl backend is registered (tfjs registers it in browsers and workers, not in Node). */
  readonly webgl: boolean;
}

/**
 * The backends to try, best first.
 *
 * `auto`: webgpu only on a real (non-fallback) adapter, then wasm, then webgl, then cpu (always
 * last: it cannot fail). An explicit preference goes first even when the probe says it will fail
 * (a fallback WebGPU adapter included: the user asked for it), and the auto order follows it as
 * fallbacks, without repeats.
 */
export function chooseBackendOrder(probe: BackendProbe, preference: BackendPreference): BackendName[] {
  const auto: BackendName[] = [];
  if (probe.webgpu?.available === true && !probe.webgpu.isFallbackAdapter) auto.push('webgpu');
  if (probe.wasm) auto.push('wasm');
  if (probe.webgl) auto.push('webgl');
  auto.push('cpu');
  if (preference === 'auto') return auto;
  return [preference, ...auto.filter((name) => name !== preference)];
}

function isBackendName(value: string): value is BackendName {
  return (backendNames as readonly string[]).includes(value);
}

/**
 * Reads a preference from a URL parameter, storage or a CLI flag: case and surrounding blanks
 * are ignored; anything unknown, empty or missing is `auto`.
 */
export function parseBackendPreference(value: string | null | undefined): BackendPreference {
  const normalised = value?.trim().toLowerCase() ?? '';
  return isBackendName(normalised) ? normalised : 'auto';
}
