import { WorkbenchError } from '../core/errors';
import type { Spectrum } from '../core/spectrum';
import type { PipelineDocument } from './pipelineDocument';
import { getStep } from './registry';
import { throwIfAborted, yieldToEventLoop } from './runControl';
import { isGroupStep, type StepDefinition } from './stepDefinition';
import { validatePipeline } from './validatePipeline';

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Overall progress 0..1 and a short label of what is running. */
  readonly onProgress?: (fraction: number, label: string) => void;
}

/** Output of one spectrum through a pipeline: the result after each enabled step. */
export interface PipelineOutput {
  readonly input: Spectrum;
  readonly steps: readonly Spectrum[];
  /** The last step's output (the input itself when no step is enabled). */
  readonly result: Spectrum;
}

/**
 * Runs a pipeline of per-spectrum steps over spectra, in order, checking for cancellation between
 * spectra and steps: one {@link PipelineOutput} per input spectrum. Throws `CANCELLED` when the
 * signal fires, `INVALID_OPTION` for a bad document or an enabled group step (those change the
 * number of spectra, so the 1:1 outputs cannot hold: run such pipelines with `runPipelineGroups`).
 */
export async function runPipeline(
  spectra: readonly Spectrum[],
  document: PipelineDocument,
  options: RunOptions = {},
): Promise<PipelineOutput[]> {
  const pipeline = validatePipeline(document);
  const enabled = pipeline.steps.filter((s) => s.enabled !== false);
  const definitions = enabled.map((entry): StepDefinition => {
    const step = getStep(entry.step);
    if (isGroupStep(step)) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `step '${step.id}' (${step.label}) works on all spectra together and may change their number; ` +
          'this run processes spectra one by one (use runPipelineGroups, or `spectra process` on the command line)',
      );
    }
    return step;
  });
  const units = Math.max(1, spectra.length * enabled.length);
  const outputs: PipelineOutput[] = [];
  let done = 0;
  for (const input of spectra) {
    let current = input;
    const steps: Spectrum[] = [];
    for (const [k, entry] of enabled.entries()) {
      throwIfAborted(options.signal);
      const step = definitions[k] as StepDefinition;
      const base = done / units;
      options.onProgress?.(base, `${step.label}: ${input.name}`);
      const context = {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (fraction: number) => options.onProgress?.(base + fraction / units, `${step.label}: ${input.name}`),
      };
      current = await step.apply(current, entry.params, context);
      steps.push(current);
      done += 1;
      await yieldToEventLoop();
    }
    outputs.push({ input, steps, result: current });
  }
  throwIfAborted(options.signal);
  options.onProgress?.(1, 'done');
  return outputs;
}
