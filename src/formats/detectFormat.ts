import { WorkbenchError } from '../core';
import { decodeText, isBlank } from './decodeText';
import { type FormatDescriptor, fileExtension, SNIFF_BYTES } from './formatDescriptor';
import { listFormats } from './registry';

/**
 * Chooses the format of a file: every format sniffs the first 64 KiB, the highest confidence
 * wins; on a tie, a format whose extensions include the file's extension wins, then the one
 * registered first. A sniff that throws counts as 0.
 *
 * @param formats the candidates (default: the registry).
 * @throws WorkbenchError EMPTY_FILE (0 bytes or whitespace only), BINARY_FILE (binary bytes while
 *   only text formats are known) or UNKNOWN_FORMAT, each with `file` set to `fileName`.
 */
export function detectFormat(
  bytes: Uint8Array,
  fileName: string,
  formats: readonly FormatDescriptor[] = listFormats(),
): FormatDescriptor {
  const fail = (code: 'EMPTY_FILE' | 'BINARY_FILE' | 'UNKNOWN_FORMAT', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  if (bytes.length === 0) return fail('EMPTY_FILE', 'the file is empty (0 bytes)');
  if (isBlank(bytes)) return fail('EMPTY_FILE', 'the file contains only whitespace');
  const head = bytes.subarray(0, SNIFF_BYTES);
  const extension = fileExtension(fileName);
  let best: FormatDescriptor | undefined;
  let bestScore = 0;
  let bestExtension = false;
  for (const format of formats) {
    const score = safeSniff(format, head, fileName);
    if (score <= 0) continue;
    const extensionMatch = format.extensions.includes(extension);
    if (score > bestScore || (score === bestScore && extensionMatch && !bestExtension)) {
      best = format;
      bestScore = score;
      bestExtension = extensionMatch;
    }
  }
  if (best !== undefined) return best;
  const names = formats.map((format) => format.name).join(', ') || 'none';
  if (decodeText(head, true) === null) {
    if (!formats.some((format) => format.binary)) {
      return fail(
        'BINARY_FILE',
        `this is a binary file (it contains NUL or control bytes), and only text formats can be read (${names})`,
      );
    }
    return fail('UNKNOWN_FORMAT', `this binary file is in none of the known formats (${names})`);
  }
  return fail('UNKNOWN_FORMAT', `this is not a spectrum format that can be read (known formats: ${names})`);
}

function safeSniff(format: FormatDescriptor, head: Uint8Array, fileName: string): number {
  try {
    const score = format.sniff(head, fileName);
    return Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  } catch {
    return 0;
  }
}
