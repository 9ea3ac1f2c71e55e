import { WorkbenchError } from './errors';

/**
 * Test helper: runs `fn` and returns the WorkbenchError it throws, so a test can check `code`,
 * `file` and `message`. Fails when nothing, or something else, is thrown.
 */
export function thrownWorkbenchError(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WorkbenchError) return error;
    throw error;
  }
  throw new Error('expected a WorkbenchError, nothing was thrown');
}
