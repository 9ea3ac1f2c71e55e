import { step } from '../pipeline/p';
export const n = step;
