import { type ErrorInfo, toErrorInfo } from './errors';

/**
 * A value or a typed error. Used wherever results cross a worker boundary, where thrown
 * errors would lose their `code`.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(error: ErrorInfo): Result<T> {
  return { ok: false, error };
}

/** Runs `fn`, turning a throw into an error result (tagged with `file` when given). */
export async function attempt<T>(fn: () => T | Promise<T>, file?: string): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (error) {
    return err(toErrorInfo(error, file));
  }
}
