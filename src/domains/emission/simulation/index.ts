/**
 * Plasma / liquid-discharge emission simulator (synthetic spectra with known truth for training
 * and tests; README.md lists every physics fact with its source). The public API: the spectrum
 * (`simulateEmission`), the device model (`simulateLiquidDischarge`), runs with labelled faults
 * (`simulateTimeSeries`), and the physics they are built from.
 */
export * from './atomicWeights';
export * from './continuum';
export * from './detector';
export * from './instrument';
export * from './lineIntensities';
export * from './lineProfiles';
export * from './liquidDischarge';
export * from './molecularBands';
export * from './partitionFunctions';
export * from './physicalConstants';
export type * from './plasmaTableTypes';
export * from './renderLines';
export * from './saha';
export * from './selfAbsorption';
export * from './simulateEmission';
export * from './starkWidths';
export * from './timeSeries';
