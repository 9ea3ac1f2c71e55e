import type { FormatDescriptor } from '../../../formats';
import { avaSoft7Format, avaSoft8Format, avaSoftTextFormat } from './avantes.format';
import { oceanOpticsTextFormat, procSpecFormat } from './oceanOptics.format';

/**
 * The emission / optical file formats, for `registerFormat`. Descriptors only (small, eager);
 * each parser is loaded on first use. Order breaks exact sniff ties: specific signatures first.
 */
export const emissionFormats: readonly FormatDescriptor[] = [
  oceanOpticsTextFormat,
  procSpecFormat,
  avaSoft7Format,
  avaSoft8Format,
  avaSoftTextFormat,
];
