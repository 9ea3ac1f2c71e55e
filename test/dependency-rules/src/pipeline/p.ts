export const step = 4;
