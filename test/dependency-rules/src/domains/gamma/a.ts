import { other } from '../mrs/b';
export const a = other;
