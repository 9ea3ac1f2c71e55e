import { WorkbenchError } from '../core/errors';

/** Throws `CANCELLED` once the signal has fired (checked between steps and spectra). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'processing was cancelled');
}

/** Lets the event loop run between units of work, so a cancel message can arrive. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
