export * from './errors';
export * from './result';
export * from './spectrum';
export * from './units';
