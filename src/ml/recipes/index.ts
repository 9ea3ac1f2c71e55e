export type { ExtraTestSet, ModelRecipe } from './modelRecipe';
export { toyPeakCounter } from './toyPeakCounter';
