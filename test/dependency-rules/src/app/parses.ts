import { read } from '../formats/reader';
export const parsed = read();
