import { version } from '../ml/model';
export const label = version;
