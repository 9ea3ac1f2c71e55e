import type { Spectrum } from '../core/spectrum';
import type { PipelineDocument } from './pipelineDocument';
import { getStep } from './registry';
import { throwIfAborted, yieldToEventLoop } from './runControl';
import type { RunOptions } from './runPipeline';
import { isGroupStep, type StepContext } from './stepDefinition';
import { validatePipeline } from './validatePipeline';

/** What one enabled step of a {@link runPipelineGroups} run did to the list of spectra. */
export interface StepTrace {
  readonly step: string;
  readonly label: string;
  readonly kind: 'spectrum' | 'group';
  /** Number of spectra the step received and returned. */
  readonly inputs: number;
  readonly outputs: number;
}

/** Result of {@link runPipelineGroups}: the final list of spectra and a line per enabled step. */
export interface PipelineGroupsOutput {
  readonly inputs: readonly Spectrum[];
  /** The spectra after the last enabled step (the inputs themselves when no step is enabled). */
  readonly outputs: Spectrum[];
  readonly trace: StepTrace[];
}

/**
 * Runs a pipeline that may hold group steps over all spectra of a run, steps in document order:
 * a per-spectrum step maps over the current list (one spectrum in, one out, order kept), a group
 * step receives the whole list and its result replaces it (it may merge, drop or reorder spectra).
 * Outputs are therefore not tied one-to-one to inputs; the trace says how many spectra each step
 * received and returned. Progress: each enabled step is an equal share, split over the spectra of
 * a per-spectrum step. Cancellation is checked between steps and spectra. Throws `CANCELLED` when
 * the signal fires, `INVALID_OPTION` for a bad document, and whatever a step throws.
 */
export async function runPipelineGroups(
  spectra: readonly Spectrum[],
  document: PipelineDocument,
  options: RunOptions = {},
): Promise<PipelineGroupsOutput> {
  const pipeline = validatePipeline(document);
  const enabled = pipeline.steps.filter((s) => s.enabled !== false);
  const shares = Math.max(1, enabled.length);
  const trace: StepTrace[] = [];
  let current: Spectrum[] = [...spectra];
  for (const [k, entry] of enabled.entries()) {
    throwIfAborted(options.signal);
    const step = getStep(entry.step);
    const base = k / shares;
    const report = (fraction: number, label: string) => options.onProgress?.(base + fraction / shares, label);
    const contextFor = (from: number, width: number, label: string): StepContext => ({
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (fraction: number) => report(from + Math.min(1, Math.max(0, fraction)) * width, label),
    });
    const before = current.length;
    if (isGroupStep(step)) {
      const label = `${step.label}: ${before} spectr${before === 1 ? 'um' : 'a'}`;
      report(0, label);
      current = await step.applyGroup(current, entry.params, contextFor(0, 1, label));
    } else {
      const next: Spectrum[] = [];
      for (const [i, input] of current.entries()) {
        throwIfAborted(options.signal);
        const label = `${step.label}: ${input.name}`;
        report(i / before, label);
        next.push(await step.apply(input, entry.params, contextFor(i / before, 1 / before, label)));
        await yieldToEventLoop();
      }
      current = next;
    }
    trace.push({
      step: step.id,
      label: step.label,
      kind: isGroupStep(step) ? 'group' : 'spectrum',
      inputs: before,
      outputs: current.length,
    });
    await yieldToEventLoop();
  }
  throwIfAborted(options.signal);
  options.onProgress?.(1, 'done');
  return { inputs: spectra, outputs: current, trace };
}
