import { err, ok, type Result, toErrorInfo } from '../core';
import { checkFileSize } from '../formats/parseFile';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the file name is too long',
};

/**
 * Reads a file through `io`; a failure becomes a FILE_NOT_READABLE error naming the file, and a
 * file over `maxBytes` (checked with `io.fileSize` before reading, when available) TOO_LARGE.
 */
export async function readInput(
  path: string,
  io: { readFile(path: string): Promise<Uint8Array>; fileSize?(path: string): Promise<number> },
  maxBytes?: number,
): Promise<Result<Uint8Array>> {
  try {
    if (io.fileSize) {
      const size = await io.fileSize(path);
      try {
        checkFileSize(size, path, maxBytes);
      } catch (error) {
        return err(toErrorInfo(error, path));
      }
    }
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
