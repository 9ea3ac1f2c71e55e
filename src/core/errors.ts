/**
 * Typed errors of the workbench. Every failure that reaches a user carries a `code` from
 * {@link WorkbenchErrorCode}, a human message, and the file it concerns (when there is one).
 * Errors cross the worker boundary as plain {@link ErrorInfo} objects (Comlink keeps only
 * name/message/stack of a thrown Error), see `Result`.
 */
export type WorkbenchErrorCode =
  /** The file has zero bytes, or only whitespace. */
  | 'EMPTY_FILE'
  /** The file cannot be read at all (it does not exist, is a directory, or permission is denied). */
  | 'FILE_NOT_READABLE'
  /** The file is larger than the configured limit. */
  | 'TOO_LARGE'
  /** The bytes look binary (NUL bytes, invalid UTF-8) where text was expected. */
  | 'BINARY_FILE'
  /** No registered format recognises the file. */
  | 'UNKNOWN_FORMAT'
  /** The file is text but holds no numeric table that can be read as a spectrum. */
  | 'NOT_A_SPECTRUM'
  /** The file ends in the middle of a record (e.g. a last row with a missing column). */
  | 'TRUNCATED'
  /** A value in the file cannot be interpreted (e.g. non-monotonic x axis). */
  | 'INVALID_DATA'
  /** An option passed by the caller is out of range. */
  | 'INVALID_OPTION'
  /** The job was cancelled by the user. */
  | 'CANCELLED'
  /** The worker running the job died (out of memory, crash); it was restarted. */
  | 'WORKER_CRASHED'
  /** A spectrum does not fit a model's input contract (domain, axis range, real vs complex); nothing was predicted. */
  | 'CONTRACT_MISMATCH'
  /** A model file (model.json, weights, card) is malformed, inconsistent or too large. */
  | 'INVALID_MODEL'
  /** A basis set does not fit the data (nucleus, too short, no metabolite the fit needs, no water reference for absolute units). */
  | 'BASIS_MISMATCH'
  /** A requested compute backend cannot be initialised here. */
  | 'BACKEND_UNAVAILABLE'
  /** A bug: anything not foreseen above. */
  | 'INTERNAL';

/** Plain, structured-cloneable description of an error. */
export interface ErrorInfo {
  readonly code: WorkbenchErrorCode;
  readonly message: string;
  /** Name of the file the error is about, when there is one. */
  readonly file?: string;
  /** Human name of the file format that was being read (e.g. `IAEA / ORTEC SPE`), once detected. */
  readonly format?: string;
  /** What the user can supply so that a retry succeeds (the UI asks for it). */
  readonly needs?: ErrorNeed;
}

/**
 * Input a reader lacks and the user can give: `mrsAcquisition` = dwell time and spectrometer
 * frequency of a time-domain MRS file that does not state them (LCModel `.RAW` without its control file).
 */
export type ErrorNeed = 'mrsAcquisition';

/** The one error class of the workbench: `code` is a literal union, switch on it exhaustively. */
export class WorkbenchError extends Error {
  readonly code: WorkbenchErrorCode;
  readonly file?: string;
  readonly needs?: ErrorNeed;

  constructor(
    code: WorkbenchErrorCode,
    message: string,
    options: { file?: string; cause?: unknown; needs?: ErrorNeed } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WorkbenchError';
    if (options.needs !== undefined) this.needs = options.needs;
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }

  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.needs === undefined ? {} : { needs: this.needs }),
    };
  }
}

/** Converts anything thrown into an {@link ErrorInfo}; unknown errors become `INTERNAL`. */
export function toErrorInfo(error: unknown, file?: string): ErrorInfo {
  if (error instanceof WorkbenchError) {
    const info = error.toInfo();
    return info.file === undefined && file !== undefined ? { ...info, file } : info;
  }
  const message = error instanceof Error ? error.message : String(error);
  return file === undefined ? { code: 'INTERNAL', message } : { code: 'INTERNAL', message, file };
}

/** Type guard for {@link ErrorInfo}-shaped values (e.g. after a structured clone). */
export function isErrorInfo(value: unknown): value is ErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorInfo).code === 'string' &&
    typeof (value as ErrorInfo).message === 'string'
  );
}
