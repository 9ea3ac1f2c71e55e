import type { FormatDescriptor } from './formatDescriptor';
import { delimitedTextFormat } from './readers/delimitedText.format';

/**
 * The formats `detectFormat` chooses from, in registration order (the order breaks exact ties).
 * Built-in generic readers are listed here; a domain registers its own readers (e.g. gamma SPE,
 * NIfTI-MRS) with {@link registerFormat} from its entry point, since `formats` may not import
 * domains.
 */
const formats: FormatDescriptor[] = [delimitedTextFormat];

/**
 * Adds a format. Returns a function that removes it again (for tests and hot reload).
 * @throws RangeError when a format with the same `id` is already registered.
 */
export function registerFormat(descriptor: FormatDescriptor): () => void {
  if (formats.some((format) => format.id === descriptor.id)) {
    throw new RangeError(`registerFormat: a format with id "${descriptor.id}" is already registered`);
  }
  formats.push(descriptor);
  return () => {
    const index = formats.indexOf(descriptor);
    if (index >= 0) formats.splice(index, 1);
  };
}

/** The registered formats, in registration order (a copy: changing it changes nothing). */
export function listFormats(): readonly FormatDescriptor[] {
  return [...formats];
}
