import { listFormats, registerFormat } from '../formats';
import { gammaFormats } from './gamma/formats';

/**
 * Registers every domain's file formats with the format registry, once (later calls do nothing).
 * The engine worker and the CLI call it at start; `formats` itself may not import domains.
 */
export function registerDomainFormats(): void {
  const known = new Set(listFormats().map((format) => format.id));
  for (const format of gammaFormats) if (!known.has(format.id)) registerFormat(format);
}
