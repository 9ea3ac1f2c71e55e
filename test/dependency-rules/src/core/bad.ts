import { shown } from '../app/thing';
export const bad = shown;
