/**
 * Gamma detector response simulation (synthetic spectra for training and tests). The public API:
 * `simulateSpectrum` and the physics it is built from; internal helpers (line shapes, tables,
 * accumulation) are imported from their own files.
 */
export * from './attenuation';
export * from './comptonContinuum';
export * from './crystalCrossSections';
export * from './crystalPhysics';
export * from './detectorModels';
export * from './efficiency';
export * from './kleinNishina';
export * from './naturalBackground';
export { logFactorial, samplePoisson, type UniformSource } from './poisson';
export * from './resolution';
export * from './shieldSecondaries';
export * from './simulateSpectrum';
