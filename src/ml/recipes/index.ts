import type { ModelRecipe } from './modelRecipe';
import { toyPeakCounter } from './toyPeakCounter';

export type { ModelRecipe } from './modelRecipe';

/** Every model the project can train and ship, by id (`npm run train -- <id>`). */
export const recipes: readonly ModelRecipe[] = [toyPeakCounter];

export function findRecipe(id: string): ModelRecipe | undefined {
  return recipes.find((r) => r.id === id);
}
