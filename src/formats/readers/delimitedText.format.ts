import { decodeText } from '../decodeText';
import { type FormatDescriptor, fileExtension } from '../formatDescriptor';
import { detectLayout } from './delimitedTextLayout';

const EXTENSIONS = ['csv', 'tsv', 'txt', 'dat', 'xy', 'asc', 'prn'] as const;

/**
 * Confidence that `head` is a numeric text table: about 0.5 for two or more rows of a consistent
 * multi-column table, 0.3 for a single column, +0.05 for a matching extension. Text without
 * numeric rows scores 0.05 with a table extension (so the parser can say NOT_A_SPECTRUM), else 0.
 * JCAMP-DX (`##` on the first line) is left to its own reader.
 */
export function sniffDelimitedText(head: Uint8Array, fileName: string): number {
  const decoded = decodeText(head, true);
  if (decoded === null) return 0;
  const text = decoded.text;
  if (text.trimStart().startsWith('##')) return 0;
  const extensionBonus = (EXTENSIONS as readonly string[]).includes(fileExtension(fileName)) ? 0.05 : 0;
  const layout = detectLayout(text);
  if (layout === undefined) return extensionBonus;
  const dataLines = text
    .slice(layout.dataStart)
    .split(/\r\n|\n|\r/, 4)
    .filter((line) => line.trim() !== '');
  if (dataLines.length < 2) return 0.1 + extensionBonus;
  return (layout.columns >= 2 ? 0.5 : 0.3) + extensionBonus;
}

/** Delimited text tables: CSV, TSV, semicolon- or whitespace-separated columns, with x first. */
export const delimitedTextFormat: FormatDescriptor = {
  id: 'delimited-text',
  name: 'Delimited text (CSV, TSV, XY)',
  domain: 'generic',
  extensions: EXTENSIONS,
  binary: false,
  sniff: sniffDelimitedText,
  load: () => import('./delimitedText').then((module) => ({ parse: module.parseDelimitedText })),
};
