export * from './calibration';
export * from './classification';
export * from './gaussianQuantile';
export * from './multiLabel';
export * from './regression';
