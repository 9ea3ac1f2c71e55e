/** Public API of the formats layer: detect a file's format and read its spectra. */
export { decodeText, isBlank } from './decodeText';
export { detectFormat } from './detectFormat';
export {
  baseName,
  type DecimalSeparator,
  type FormatDescriptor,
  type FormatParser,
  fileExtension,
  type ParseOptions,
  SNIFF_BYTES,
  type TextDelimiter,
} from './formatDescriptor';
export { DEFAULT_MAX_BYTES, type ParsedFile, type ParseFileOptions, parseFile } from './parseFile';
export { listFormats, registerFormat } from './registry';
