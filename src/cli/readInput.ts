import { err, ok, type Result } from '../core';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the file name is too long',
};

/** Reads a file through `io`; a failure becomes a FILE_NOT_READABLE error naming the file. */
export async function readInput(
  path: string,
  io: { readFile(path: string): Promise<Uint8Array> },
): Promise<Result<Uint8Array>> {
  try {
    return ok(await io.readFile(path));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const reason =
      typeof code === 'string' && code in REASONS
        ? REASONS[code]
        : error instanceof Error
          ? error.message
          : String(error);
    return err({ code: 'FILE_NOT_READABLE', message: `cannot read the file (${reason})`, file: path });
  }
}
