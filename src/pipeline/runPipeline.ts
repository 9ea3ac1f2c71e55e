import { WorkbenchError } from '../core/errors';
import type { Spectrum } from '../core/spectrum';
import type { PipelineDocument } from './pipelineDocument';
import { getStep } from './registry';
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

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'processing was cancelled');
}

/** Lets the event loop run between units of work, so a cancel message can arrive. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs a pipeline over spectra, in order, checking for cancellation between spectra and steps.
 * Throws `CANCELLED` when the signal fires, `INVALID_OPTION` for a bad document.
 */
export async function runPipeline(
  spectra: readonly Spectrum[],
  document: PipelineDocument,
  options: RunOptions = {},
): Promise<PipelineOutput[]> {
  const pipeline = validatePipeline(document);
  const enabled = pipeline.steps.filter((s) => s.enabled !== false);
  const units = Math.max(1, spectra.length * enabled.length);
  const outputs: PipelineOutput[] = [];
  let done = 0;
  for (const input of spectra) {
    let current = input;
    const steps: Spectrum[] = [];
    for (const entry of enabled) {
      throwIfAborted(options.signal);
      const step = getStep(entry.step);
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
