import { type Spectrum, WorkbenchError } from '../../core';
import { err, ok, type Result } from '../../core/result';
import type { CnnNuclide } from '../../domains/gamma/identification/compareMethods';
import type { CliIo } from '../cliCommand';

/** Id of the shipped CNN nuclide identifier (public/models). */
export const CNN_MODEL_ID = 'gamma-nuclide-cnn';

/** The shipped CNN, loaded once for a CLI run. */
export interface CnnIdentifier {
  readonly passes: number;
  identify(spectrum: Spectrum): Promise<CnnNuclide[]>;
  dispose(): void;
}

/**
 * Loads the shipped CNN identifier (tfjs on WASM, imported only here so other commands start
 * fast). A missing or broken model is an error naming the model, not a crash.
 */
export async function loadCnnIdentifier(io: CliIo): Promise<Result<CnnIdentifier>> {
  if (!io.models) return err({ code: 'INVALID_MODEL', message: 'no model source is configured' });
  const [{ initBackend }, { predictSpectra }, { loadShippedModel }, { toErrorInfo }] = await Promise.all([
    import('../../ml/backend/initBackend'),
    import('../../ml/inference/predictSpectra'),
    import('../../ml/registry/modelRegistry'),
    import('../../core/errors'),
  ]);
  await initBackend('wasm');
  let loaded: Awaited<ReturnType<typeof loadShippedModel>>;
  try {
    loaded = await loadShippedModel(io.models, CNN_MODEL_ID);
  } catch (error) {
    const info = toErrorInfo(error);
    return err({ ...info, message: `the CNN nuclide identifier '${CNN_MODEL_ID}' cannot be loaded: ${info.message}` });
  }
  const { model, card } = loaded;
  const passes = card.uncertainty.passes;
  return ok({
    passes,
    async identify(spectrum) {
      const [result] = await predictSpectra(model, card, [spectrum], { passes });
      if (result === undefined) return [];
      if (!result.ok) {
        const { code, message, file } = result.error;
        throw new WorkbenchError(code, message, file === undefined ? {} : { file });
      }
      return result.value.values.map((v) => ({ nuclide: v.name, probability: v.mean, sd: v.sd }));
    },
    dispose: () => model.dispose(),
  });
}
