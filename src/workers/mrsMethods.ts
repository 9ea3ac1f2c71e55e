import { attempt, type Result } from '../core/result';
import type { Spectrum } from '../core/spectrum';

interface MrsMethodsContext {
  readonly transfer: <T>(value: T, buffers: ArrayBuffer[]) => T;
}

/**
 * The engine's MRS methods. `mrsSpectrumView`: the frequency-domain view of an FID as a
 * spectroscopist reads it — the registered pipeline steps `mrs-fft` → `mrs-auto-phase` →
 * `mrs-reference` (auto: NAA/Cr/Cho pattern; water for a water reference) with their defaults.
 */
export function createMrsMethods({ transfer }: MrsMethodsContext) {
  return {
    async mrsSpectrumView(spectrum: Spectrum): Promise<Result<Spectrum>> {
      const result = await attempt(async () => {
        const { registerDomains } = await import('../domains/registerDomains');
        const { runPipeline } = await import('../pipeline/runPipeline');
        const { pipelineOf } = await import('../pipeline/pipelineDocument');
        registerDomains();
        const water = spectrum.meta.role === 'water';
        const [output] = await runPipeline(
          [spectrum],
          pipelineOf([
            { step: 'mrs-fft', version: 1, params: {} },
            { step: 'mrs-auto-phase', version: 1, params: {} },
            { step: 'mrs-reference', version: 1, params: { to: water ? 'water' : 'auto' } },
          ]),
        );
        const view = output?.result as Spectrum;
        return { ...view, id: `${spectrum.id}/ppm`, name: `${spectrum.name} (spectrum)` };
      }, spectrum.file);
      if (!result.ok) return result;
      const buffers = [result.value.x.values, result.value.y.values, result.value.y.imaginary]
        .filter((a) => a !== undefined)
        .map((a) => a.buffer)
        .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
      return transfer(result, buffers);
    },
  };
}
