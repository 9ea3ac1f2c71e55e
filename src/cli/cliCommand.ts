import type { ModelSource } from '../ml/registry/modelRegistry';

/** What a command may do to the outside world; `main` gets it from `bin/spectra.mjs` or a test. */
export interface CliIo {
  /** The shipped models (public/models): a folder on disk for the real CLI, a fake in tests. */
  models?: ModelSource;
  /** Writes text to standard output as is (the text brings its own newlines). */
  stdout(text: string): void;
  /** Writes text to standard error as is. */
  stderr(text: string): void;
  /** Reads a whole file; rejects with a Node-style error (`code: 'ENOENT'`, `'EISDIR'` …) when it cannot. */
  readFile(path: string): Promise<Uint8Array>;
  /** Size of a file in bytes without reading it (`fs.stat`), so a too-large file is refused unread. */
  fileSize?(path: string): Promise<number>;
}

/** One `spectra <name>` command. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list of `spectra --help`. */
  readonly summary: string;
  /** Full usage text of `spectra <name> --help`, ending with a newline. */
  readonly usage: string;
  /** Runs the command; resolves to the exit code. Throws {@link UsageError} for bad arguments. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Exit codes of every command: success, a file that failed, a usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad command-line arguments; `main` prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
