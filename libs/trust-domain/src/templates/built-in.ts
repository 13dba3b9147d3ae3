import { CHESHIRE_EAST_DAY_1_YEAR_1 } from './cheshire-east';
import { DUDLEY_CYPP_2008_11 } from './dudley';
import { HARINGEY_CHILDRENS_TRUST } from './haringey';
import type { ProgrammeTemplate } from './types';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The templates drawn from the seed papers, frozen so no caller can change them for another. */
export const BUILT_IN_TEMPLATES: readonly ProgrammeTemplate[] = deepFreeze([
  CHESHIRE_EAST_DAY_1_YEAR_1,
  HARINGEY_CHILDRENS_TRUST,
  DUDLEY_CYPP_2008_11,
]);

export function findTemplate(id: string): ProgrammeTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((template) => template.id === id);
}
