import type { ModelRecipe } from '../ml/recipes';
import { toyPeakCounter } from '../ml/recipes';
import { emissionAnomalyRnn } from './emission/models/emissionAnomalyRnn';
import { emissionConcentration1Head } from './emission/models/emissionConcentration1Head';
import { emissionConcentration2Head } from './emission/models/emissionConcentration2Head';
import { emissionLineSelection } from './emission/models/emissionLineSelection';
import { gammaNuclideCnn } from './gamma/models/gammaNuclideCnn';

/**
 * Every model the project can train and ship, by id (`npm run train -- <id>`). It lives here, not in
 * `ml`, because domain models are trained on their domain's simulators and `ml` may not import
 * domains; like `registerDomains.ts`, this is the one place that gathers every domain.
 */
export const recipes: readonly ModelRecipe[] = [
  toyPeakCounter,
  gammaNuclideCnn,
  emissionConcentration2Head,
  emissionConcentration1Head,
  emissionLineSelection,
  emissionAnomalyRnn,
];

export function findRecipe(id: string): ModelRecipe | undefined {
  return recipes.find((r) => r.id === id);
}
