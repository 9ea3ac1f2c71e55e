export * from './centralDifferenceJacobian';
export * from './cholesky';
export * from './invertSymmetric';
export * from './levenbergMarquardt';
export * from './minMaxDecimate';
export * from './savitzkyGolay';
