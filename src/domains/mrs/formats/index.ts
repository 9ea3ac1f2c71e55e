import type { FormatDescriptor } from '../../../formats';
import { dicomMrsFormat } from './dicomMrs.format';
import { jmruiFormat } from './jmrui.format';
import { lcmodelBasisFormat } from './lcmodelBasis.format';
import { lcmodelRawFormat } from './lcmodelRaw.format';
import { niftiMrsFormat } from './niftiMrs.format';
import { rdaFormat } from './rda.format';
import { sparSdatFormat } from './sparSdat.format';

/** The MR spectroscopy file formats, for `registerFormat` (descriptors only; parsers load on first use). */
export const mrsFormats: readonly FormatDescriptor[] = [
  niftiMrsFormat,
  dicomMrsFormat,
  rdaFormat,
  sparSdatFormat,
  lcmodelBasisFormat,
  lcmodelRawFormat,
  jmruiFormat,
];

export { writeLcmodelRaw } from './writeLcmodelRaw';
export { writeNiftiMrs } from './writeNiftiMrs';
