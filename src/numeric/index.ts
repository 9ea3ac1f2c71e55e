export * from './minMaxDecimate';
export * from './savitzkyGolay';
