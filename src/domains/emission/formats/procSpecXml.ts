import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ChannelCalibration, SpectrumMeta } from '../../../core';
import type { VendorTrace } from './vendorSpectra';
import { vendorFail } from './vendorText';

/**
 * The `ps_<n>.xml` of a ProcSpec archive: a Java XStream serialisation of
 * `com.oceanoptics.spectrasuite.processors.ProcessedSpectrum` (optical-notes §4.3; element names
 * checked on the two lightr files): `sourceSpectra/<OmniSpectrum>` holds the sample `pixelValues`,
 * the `channelWavelengths`, `integrationTime` (µs), `scansToAverage`, `boxcarWidth`, the correction
 * flags, `acquisitionTime/milliTime` (ms since 1970, UTC), the spectrometer serial and class, and
 * `channelCoefficients/__WlIntercept…__WlThird` (the wavelength polynomial over pixels);
 * `certificates/<ProcessedSpectrumCertificate>` hold the `processedPixels`, the `darkSpectrum`,
 * the `referenceSpectrum` and the `yUnits` class of each processing step. XStream writes repeated
 * objects as `reference="../.."` attributes: only elements that hold `<double>` values are read.
 */
export interface ProcSpecContent {
  readonly wavelengths: Float64Array;
  readonly calibration?: ChannelCalibration;
  /** Main trace first: processed (when present), then sample, dark, reference. */
  readonly traces: readonly VendorTrace[];
  readonly meta: SpectrumMeta;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

/** `yUnits` descriptor class → what the processed trace measures (SpectraSuite unit descriptors). */
const Y_UNITS: readonly (readonly [RegExp, string, string])[] = [
  [/Counts/i, 'counts', 'counts'],
  [/Transmission/i, 'transmittance', '%'],
  [/Reflect/i, 'reflectance', '%'],
  [/Absorb/i, 'absorbance', ''],
  [/Irradiance/i, 'irradiance', ''],
];

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first child element `name` of `node` (elements are arrays with these parser options). */
function child(node: unknown, name: string): unknown {
  if (!isNode(node) || !Object.hasOwn(node, name)) return undefined;
  const value = node[name];
  return Array.isArray(value) ? value[0] : value;
}

function text(node: unknown, name: string): string | undefined {
  const value = child(node, name);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim().slice(0, 200);
  if (isNode(value) && typeof value['#text'] === 'string') return (value['#text'] as string).trim().slice(0, 200);
  return undefined;
}

function number(node: unknown, name: string): number | undefined {
  const value = text(node, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function flag(node: unknown, name: string): boolean | undefined {
  const value = text(node, name);
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** The elements of `node` in document order of their names, skipping attributes and text. */
function elements(node: unknown): unknown[] {
  if (!isNode(node)) return [];
  return Object.keys(node)
    .filter((key) => !key.startsWith('@') && key !== '#text')
    .flatMap((key) => (Array.isArray(node[key]) ? (node[key] as unknown[]) : [node[key]]));
}

const DOUBLE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-?Infinity$|^NaN$/;

/** The `<double>` values of element `name` of `node`, or `undefined` when it holds none (a reference). */
function doubles(
  node: unknown,
  name: string,
  where: string,
  fail: (message: string) => never,
): Float64Array | undefined {
  const element = child(node, name);
  const all = isNode(element) ? element.double : undefined;
  if (!Array.isArray(all)) return undefined;
  const out = new Float64Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const value = all[i];
    if (typeof value !== 'string' || !DOUBLE.test(value)) fail(`${where}: value ${i + 1} is not a number`);
    const parsed = Number(value);
    out[i] = Number.isFinite(parsed) ? parsed : Number.NaN;
  }
  return out;
}

/**
 * Reads the XML text of `ps_<n>.xml` (bytes outside printable ASCII already stripped).
 * @throws WorkbenchError INVALID_DATA (not well-formed XML, with line and column; a value that is
 *   not a number; arrays of different lengths), NOT_A_SPECTRUM (no source spectrum or wavelengths).
 */
export function readProcSpecXml(xml: string, entryName: string, fileName: string): ProcSpecContent {
  const fail = (message: string): never => vendorFail('INVALID_DATA', `${entryName}: ${message}`, fileName);
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true)
    fail(`the XML is not well-formed at line ${verdict.err.line}, column ${verdict.err.col}: ${verdict.err.msg}`);
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    fail(`the XML cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = elements(parsed)[0];
  const source = elements(child(root, 'sourceSpectra'))[0];
  const wavelengths = doubles(source, 'channelWavelengths', 'channelWavelengths', fail);
  const sample = doubles(source, 'pixelValues', 'the sample pixelValues', fail);
  if (wavelengths === undefined || sample === undefined) {
    return vendorFail('NOT_A_SPECTRUM', `${entryName}: no source spectrum with pixel values and wavelengths`, fileName);
  }
  const n = wavelengths.length;
  const sameLength = (values: Float64Array | undefined, what: string): Float64Array | undefined => {
    if (values !== undefined && values.length !== n) fail(`${what} has ${values.length} values, the wavelengths ${n}`);
    return values;
  };
  sameLength(sample, 'the sample pixelValues');
  let processed: Float64Array | undefined;
  let dark: Float64Array | undefined;
  let reference: Float64Array | undefined;
  let yClass: string | undefined;
  let processor: string | undefined;
  for (const certificate of elements(child(root, 'certificates'))) {
    const values = sameLength(doubles(certificate, 'processedPixels', 'processedPixels', fail), 'processedPixels');
    if (values !== undefined && processed === undefined) {
      processed = values;
      yClass = attribute(child(certificate, 'yUnits'), 'class');
      processor = text(certificate, 'clazz');
    }
    dark ??= sameLength(
      doubles(child(certificate, 'darkSpectrum'), 'pixelValues', 'the dark pixelValues', fail),
      'the dark spectrum',
    );
    reference ??= sameLength(
      doubles(child(certificate, 'referenceSpectrum'), 'pixelValues', 'the reference pixelValues', fail),
      'the reference spectrum',
    );
  }
  const units = Y_UNITS.find(([pattern]) => pattern.test(yClass ?? '')) ?? [undefined, 'unknown', ''];
  const traces: VendorTrace[] = [];
  if (processed !== undefined)
    traces.push({ role: 'processed', values: processed, quantity: units[1], unit: units[2] });
  traces.push({ role: 'sample', values: sample, quantity: 'counts', unit: 'counts' });
  if (dark !== undefined) traces.push({ role: 'dark', values: dark, quantity: 'counts', unit: 'counts' });
  if (reference !== undefined)
    traces.push({ role: 'reference', values: reference, quantity: 'counts', unit: 'counts' });
  const calibration = calibrationOf(child(source, 'channelCoefficients'), n);
  return {
    wavelengths,
    ...(calibration === undefined ? {} : { calibration }),
    traces,
    meta: metaOf(source, { yClass, processor, dark: dark !== undefined, reference: reference !== undefined }),
  };
}

function attribute(node: unknown, name: string): string | undefined {
  const value = isNode(node) ? node[`@${name}`] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `__WlIntercept`, `__WlFirst`, `__WlSecond`, `__WlThird`: λ(i) = Σ c_k·i^k over pixel index i. */
function calibrationOf(coefficients: unknown, n: number): ChannelCalibration | undefined {
  const names = ['__WlIntercept', '__WlFirst', '__WlSecond', '__WlThird'];
  const values = names.map((name) => number(coefficients, name));
  if (values.some((value) => value === undefined)) return undefined;
  return { model: 'polynomial', coefficients: values as number[], channelCount: n, unit: 'nm' };
}

function metaOf(
  source: unknown,
  found: { yClass: string | undefined; processor: string | undefined; dark: boolean; reference: boolean },
): SpectrumMeta {
  const meta: Record<string, string | number | boolean> = { dialect: 'ProcSpec' };
  const put = (key: string, value: string | number | boolean | undefined): void => {
    if (value !== undefined) meta[key] = value;
  };
  const lastSegment = (name: string | undefined): string | undefined => name?.slice(name.lastIndexOf('.') + 1);
  const millis = number(child(source, 'acquisitionTime'), 'milliTime');
  if (millis !== undefined && Math.abs(millis) < 8.64e15) put('date', new Date(millis).toISOString());
  put('user', text(source, 'userName'));
  put('spectrometer', text(source, 'spectrometerSerialNumber'));
  put('spectrometerModel', lastSegment(text(source, 'spectrometerClass')));
  put('firmware', text(source, 'spectrometerFirmwareVersion'));
  const micros = number(source, 'integrationTime');
  put('integrationTimeS', micros === undefined ? undefined : micros / 1e6);
  put('scansAveraged', number(source, 'scansToAverage'));
  put('boxcarWidth', number(source, 'boxcarWidth'));
  put('electricDarkCorrection', flag(source, 'correctForElectricalDark'));
  put('nonlinearityCorrection', flag(source, 'correctForNonLinearity'));
  put('strayLightCorrection', flag(source, 'correctForStrayLight'));
  put('saturated', flag(source, 'saturated'));
  put('darkSpectrumPresent', found.dark);
  put('referenceSpectrumPresent', found.reference);
  put('yUnitsClass', lastSegment(found.yClass));
  put('processor', lastSegment(found.processor));
  return meta;
}
