/** Programme templates: milestone plans drawn from council papers, scheduled for a trust from anchor dates. */
export type {
  DueOffset,
  MilestoneTemplate,
  ProgrammeTemplate,
  TemplateAnchor,
  TemplateSource,
} from './types';
export {
  TEMPLATE_ERROR_CODES,
  TemplateError,
  type TemplateErrorCode,
  type TemplateErrorDetails,
  type TemplateProblem,
} from './errors';
export { validateTemplate } from './validate';
export { instantiateTemplate, milestoneIdFor, type InstantiateOptions } from './instantiate';
export { BUILT_IN_TEMPLATES, findTemplate } from './built-in';
export { CHESHIRE_EAST_DAY_1_YEAR_1 } from './cheshire-east';
export { HARINGEY_CHILDRENS_TRUST } from './haringey';
export { DUDLEY_CYPP_2008_11 } from './dudley';
