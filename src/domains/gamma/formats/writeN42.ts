import type { Spectrum } from '../../../core';
import { compressCountedZeroes } from './countedZeroes';
import { formatIsoDuration } from './isoDuration';
import { calibrationContent, element, escapeXml, xmlId } from './n42WriterParts';
import { formatDouble, formatNumberList } from './numberList';

/** Options of {@link writeN42}. */
export interface WriteN42Options {
  /** Write channel data with CountedZeroes compression (default false: plain lists). */
  readonly countedZeroes?: boolean;
  /** `RadInstrumentDataCreatorName` (default `Spectralligence Workbench`). */
  readonly creator?: string;
}

const N42_NAMESPACE = 'http://physics.nist.gov/N42/2011/N42';
const NEUTRON_DETECTOR_ID = 'Neutrons';

/**
 * Writes spectra as an ANSI N42.42-2011/2012 document that `parseN42` reads back exactly
 * (counts bit for bit, calibration, times and the metadata below):
 * - one `RadDetectorInformation` per distinct detector (name in `RadDetectorName`, `detectorType` as
 *   `RadDetectorKindCode`), one neutron detector when a spectrum has `meta.neutronCounts`;
 * - one `EnergyCalibration` per distinct calibration (see `calibrationContent`: full-range fraction
 *   calibrations have no N42-2012 form and are written as their computed channel edges, with a remark);
 * - one `RadMeasurement` per spectrum, except that spectra of different detectors with the same
 *   `sampleNumber`, start, real time, class, GPS and neutron counts share one (a multi-detector time slice);
 *   its id is `Sample<N>` when the sample number is known (SpecUtils' convention);
 * - `MeasurementClassCode` (`NotSpecified` when unknown), `StartDateTime` as the spectrum states it,
 *   `RealTimeDuration`/`LiveTimeDuration` as `PT<s>S` with the shortest exact decimal;
 * - title as `Remark` "Title: …", `meta.remarks` lines as further remarks, GPS as `GeographicPoint`,
 *   `meta.neutronCounts` as `GrossCounts`, `meta.deviceIdentifiedNuclides` as `AnalysisResults`,
 *   `meta.fwhmEnergiesKeV`/`fwhmValuesKeV` as `FWHMCalibration`.
 * The document has one `RadInstrumentInformation` (N42 allows one): the first spectrum's `instrument`.
 * Counts are written with the shortest text that reads back to the same double (`-0`, `NaN`, `INF` included).
 */
export function writeN42(spectra: readonly Spectrum[], options: WriteN42Options = {}): string {
  const detectorIds = new Map<string, string>();
  const detectorXml: string[] = [];
  const calibrationIds = new Map<string, string>();
  const calibrationXml: string[] = [];
  const fwhmIds = new Map<string, string>();
  const fwhmXml: string[] = [];
  const groups: { key: string; id: string; spectra: Spectrum[]; detectors: Set<string> }[] = [];
  const usedIds = new Set<string>([NEUTRON_DETECTOR_ID]);
  const unique = (base: string): string => {
    let id = base;
    for (let k = 2; usedIds.has(id); k++) id = `${base}-${k}`;
    usedIds.add(id);
    return id;
  };

  const detectorOf = (spectrum: Spectrum): string => {
    const name = text(spectrum, 'detector');
    const kind = text(spectrum, 'detectorType');
    const key = JSON.stringify([name, kind]);
    let id = detectorIds.get(key);
    if (id === undefined) {
      id = unique(xmlId(name ?? '', 'detector'));
      detectorIds.set(key, id);
      detectorXml.push(
        `<RadDetectorInformation id="${id}">${element('RadDetectorName', name ?? '')}` +
          `<RadDetectorCategoryCode>Gamma</RadDetectorCategoryCode>${kind === undefined ? '' : element('RadDetectorKindCode', kind)}</RadDetectorInformation>`,
      );
    }
    return id;
  };

  for (const spectrum of spectra) {
    const sample = spectrum.meta.sampleNumber;
    const detector = detectorOf(spectrum);
    const key = JSON.stringify(
      ['startTime', 'realTimeS', 'measurementClass', 'neutronCounts', 'latitude', 'longitude'].map(
        (k) => spectrum.meta[k],
      ),
    );
    const group = Number.isInteger(sample)
      ? groups.find((g) => g.key === `${sample}|${key}` && !g.detectors.has(detector))
      : undefined;
    if (group !== undefined) {
      group.spectra.push(spectrum);
      group.detectors.add(detector);
    } else {
      const id = unique(Number.isInteger(sample) ? `Sample${sample}` : `Measurement${groups.length + 1}`);
      groups.push({ key: `${sample}|${key}`, id, spectra: [spectrum], detectors: new Set([detector]) });
    }
  }

  const measurementXml: string[] = [];
  const nuclideRefs = new Map<string, string[]>();
  let anyNeutrons = false;
  for (const group of groups) {
    const first = group.spectra[0] as Spectrum;
    const meta = first.meta;
    const parts: string[] = [`<RadMeasurement id="${group.id}">`];
    parts.push(element('MeasurementClassCode', text(first, 'measurementClass') ?? 'NotSpecified'));
    if (text(first, 'startTime') !== undefined)
      parts.push(element('StartDateTime', text(first, 'startTime') as string));
    if (typeof meta.realTimeS === 'number')
      parts.push(`<RealTimeDuration>${formatIsoDuration(meta.realTimeS)}</RealTimeDuration>`);
    group.spectra.forEach((spectrum, k) => {
      const n = spectrum.y.values.length;
      const attrs = [
        `id="${unique(`${group.id}-spectrum${k + 1}`)}"`,
        `radDetectorInformationReference="${detectorOf(spectrum)}"`,
      ];
      const remarks: string[] = [];
      const calibration = spectrum.x.calibration;
      const content = calibration === undefined ? undefined : calibrationContent(calibration, n);
      if (content !== undefined) {
        let id = calibrationIds.get(content.xml);
        if (id === undefined) {
          id = unique(`EnergyCal${calibrationIds.size + 1}`);
          calibrationIds.set(content.xml, id);
          calibrationXml.push(`<EnergyCalibration id="${id}">${content.xml}</EnergyCalibration>`);
        }
        attrs.push(`energyCalibrationReference="${id}"`);
        if (content.remark !== undefined) remarks.push(content.remark);
      }
      const fwhm = [text(spectrum, 'fwhmEnergiesKeV'), text(spectrum, 'fwhmValuesKeV')];
      if (fwhm[0] !== undefined && fwhm[1] !== undefined) {
        const xml = `<EnergyValues>${escapeXml(fwhm[0].replace(/,/g, ' '))}</EnergyValues><FWHMValues>${escapeXml(fwhm[1].replace(/,/g, ' '))}</FWHMValues>`;
        let id = fwhmIds.get(xml);
        if (id === undefined) {
          id = unique(`FWHMCal${fwhmIds.size + 1}`);
          fwhmIds.set(xml, id);
          fwhmXml.push(`<FWHMCalibration id="${id}">${xml}</FWHMCalibration>`);
        }
        attrs.push(`FWHMCalibrationReference="${id}"`);
      }
      const title = text(spectrum, 'title');
      const body: string[] = [];
      if (title !== undefined) body.push(element('Remark', `Title: ${title}`));
      for (const line of [...(text(spectrum, 'remarks') ?? '').split('\n'), ...remarks]) {
        if (line.trim() !== '') body.push(element('Remark', line));
      }
      if (typeof spectrum.meta.liveTimeS === 'number') {
        body.push(`<LiveTimeDuration>${formatIsoDuration(spectrum.meta.liveTimeS)}</LiveTimeDuration>`);
      }
      const counts = spectrum.y.values;
      body.push(
        options.countedZeroes === true
          ? `<ChannelData compressionCode="CountedZeroes">${formatNumberList(compressCountedZeroes(counts))}</ChannelData>`
          : `<ChannelData compressionCode="None">${formatNumberList(counts)}</ChannelData>`,
      );
      parts.push(`<Spectrum ${attrs.join(' ')}>${body.join('')}</Spectrum>`);
      const nuclides = text(spectrum, 'deviceIdentifiedNuclides');
      if (nuclides !== undefined && k === 0)
        nuclideRefs.set(nuclides, [...(nuclideRefs.get(nuclides) ?? []), group.id]);
    });
    if (typeof meta.neutronCounts === 'number') {
      anyNeutrons = true;
      const live =
        typeof meta.realTimeS === 'number'
          ? `<LiveTimeDuration>${formatIsoDuration(meta.realTimeS)}</LiveTimeDuration>`
          : '';
      parts.push(
        `<GrossCounts id="${unique(`${group.id}-neutrons`)}" radDetectorInformationReference="${NEUTRON_DETECTOR_ID}">${live}<CountData>${formatDouble(meta.neutronCounts)}</CountData></GrossCounts>`,
      );
    }
    if (typeof meta.latitude === 'number' && typeof meta.longitude === 'number') {
      parts.push(
        `<RadInstrumentState><StateVector><GeographicPoint><LatitudeValue>${formatDouble(meta.latitude)}</LatitudeValue>` +
          `<LongitudeValue>${formatDouble(meta.longitude)}</LongitudeValue></GeographicPoint></StateVector></RadInstrumentState>`,
      );
    }
    parts.push('</RadMeasurement>');
    measurementXml.push(parts.join(''));
  }

  const instrument = spectra.length > 0 ? text(spectra[0] as Spectrum, 'instrument') : undefined;
  if (anyNeutrons) {
    detectorXml.push(
      `<RadDetectorInformation id="${NEUTRON_DETECTOR_ID}">${element('RadDetectorName', NEUTRON_DETECTOR_ID)}<RadDetectorCategoryCode>Neutron</RadDetectorCategoryCode></RadDetectorInformation>`,
    );
  }
  const analysis = [...nuclideRefs].map(
    ([names, refs]) =>
      `<AnalysisResults radMeasurementReferences="${refs.join(' ')}"><NuclideAnalysisResults>${names
        .split(', ')
        .map(
          (name) =>
            `<Nuclide><NuclideIdentifiedIndicator>true</NuclideIdentifiedIndicator>${element('NuclideName', name)}</Nuclide>`,
        )
        .join('')}</NuclideAnalysisResults></AnalysisResults>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<RadInstrumentData xmlns="${N42_NAMESPACE}">`,
    element('RadInstrumentDataCreatorName', options.creator ?? 'Spectralligence Workbench'),
    `<RadInstrumentInformation id="RadInstrumentInformation">${element('RadInstrumentManufacturerName', 'unknown')}` +
      `${element('RadInstrumentModelName', instrument ?? 'unknown')}<RadInstrumentClassCode>Other</RadInstrumentClassCode></RadInstrumentInformation>`,
    ...detectorXml,
    ...calibrationXml,
    ...fwhmXml,
    ...measurementXml,
    ...analysis,
    '</RadInstrumentData>',
    '',
  ].join('\n');
}

/** A string metadata value, `undefined` when absent or empty. */
function text(spectrum: Spectrum, key: string): string | undefined {
  const value = spectrum.meta[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
