import { TemplateError } from './errors';
import { findCycles } from './cycles';
import {
  problem,
  readArray,
  readKey,
  readObject,
  readString,
  readStringList,
  reportDuplicates,
  type Problems,
} from './read';
import { readAnchor, readMilestone } from './read-parts';
import type { DueOffset, MilestoneTemplate, ProgrammeTemplate } from './types';

/**
 * Checks a user-defined template (e.g. parsed JSON) and returns a fresh, well-typed copy.
 * Throws TemplateError 'TEMPLATE.INVALID' listing every problem found: bad fields, duplicate keys,
 * unknown dependencies, dependency cycles (named), unknown anchors, phases and gates, and
 * completedBy events, key issues or document kinds outside the shared vocabulary.
 */
export function validateTemplate(input: unknown): ProgrammeTemplate {
  const problems: Problems = [];
  const template = readTemplate(input, problems);
  checkReferences(template, problems);
  TemplateError.throwIfAny(problems, `Template '${template.id}' is invalid`, 'TEMPLATE.INVALID');
  return template;
}

function readTemplate(input: unknown, problems: Problems): ProgrammeTemplate {
  const obj = readObject(input, '', problems);
  const source = readObject(obj.source, 'source', problems);
  const template: ProgrammeTemplate = {
    id: readKey(obj, 'id', '', problems),
    name: readString(obj, 'name', '', problems),
    description: readString(obj, 'description', '', problems),
    source: {
      document: readString(source, 'document', 'source', problems),
      section: readString(source, 'section', 'source', problems),
    },
    anchors: readArray(obj, 'anchors', '', problems).map((a, i) => readAnchor(a, `anchors[${i}]`, problems)),
    milestones: readArray(obj, 'milestones', '', problems).map((m, i) =>
      readMilestone(m, `milestones[${i}]`, problems),
    ),
  };
  if (template.anchors.length === 0) problem(problems, 'anchors', 'must name at least one anchor');
  const phases = obj.phases === undefined ? undefined : readStringList(obj, 'phases', '', problems);
  const gates = obj.gates === undefined ? undefined : readStringList(obj, 'gates', '', problems);
  return { ...template, ...(phases && { phases }), ...(gates && { gates }) };
}

function checkReferences(template: ProgrammeTemplate, problems: Problems): void {
  reportDuplicates(
    template.anchors.map((a) => a.key),
    (i) => `anchors[${i}].key`,
    problems,
  );
  reportDuplicates(
    template.milestones.map((m) => m.key),
    (i) => `milestones[${i}].key`,
    problems,
  );
  reportDuplicates(template.phases ?? [], (i) => `phases[${i}]`, problems);
  reportDuplicates(template.gates ?? [], (i) => `gates[${i}]`, problems);
  checkAnchors(template, problems);
  template.milestones.forEach((m, i) => checkMilestone(template, m, `milestones[${i}]`, problems));
  const graph = new Map(template.milestones.map((m) => [m.key, m.dependsOn] as const));
  for (const cycle of findCycles(graph)) {
    const named = cycle.join(' → ');
    problem(problems, 'milestones', `dependency cycle: ${named}`, 'TEMPLATE.DEPENDENCY_CYCLE', named);
  }
}

function checkAnchors(template: ProgrammeTemplate, problems: Problems): void {
  const byKey = new Map(template.anchors.map((a) => [a.key, a] as const));
  template.anchors.forEach((anchor, i) => {
    if (!anchor.fallback) return;
    const path = `anchors[${i}].fallback.anchor`;
    const target = byKey.get(anchor.fallback.anchor);
    if (!checkAnchorRef(anchor.fallback, byKey, path, problems) || !target) return;
    if (target.fallback || target.key === anchor.key) {
      const message = `anchor '${anchor.key}' may fall back only on an anchor the user must give, not '${target.key}'`;
      problem(problems, path, message, 'TEMPLATE.BAD_FALLBACK', target.key);
    }
  });
}

function checkAnchorRef(
  due: DueOffset,
  anchors: ReadonlyMap<string, unknown>,
  path: string,
  problems: Problems,
): boolean {
  if (due.anchor === '' || anchors.has(due.anchor)) return true;
  problem(problems, path, `unknown anchor '${due.anchor}'`, 'TEMPLATE.UNKNOWN_ANCHOR', due.anchor);
  return false;
}

function checkMilestone(
  template: ProgrammeTemplate,
  m: MilestoneTemplate,
  path: string,
  problems: Problems,
): void {
  const keys = new Set(template.milestones.map((other) => other.key));
  checkAnchorRef(m.due, new Map(template.anchors.map((a) => [a.key, a])), `${path}.due.anchor`, problems);
  m.dependsOn.forEach((dep, j) => {
    if (dep === '' || keys.has(dep)) return;
    const message = `milestone '${m.key}' depends on unknown milestone '${dep}'`;
    problem(problems, `${path}.dependsOn[${j}]`, message, 'TEMPLATE.UNKNOWN_DEPENDENCY', dep);
  });
  reportDuplicates(m.dependsOn, (j) => `${path}.dependsOn[${j}]`, problems);
  checkDeclared(m.phase, template.phases, `${path}.phase`, 'TEMPLATE.UNKNOWN_PHASE', problems);
  checkDeclared(m.gate, template.gates, `${path}.gate`, 'TEMPLATE.UNKNOWN_GATE', problems);
}

/** A milestone's phase or gate must be one the template declares. */
function checkDeclared(
  value: string | undefined,
  declared: readonly string[] | undefined,
  path: string,
  code: 'TEMPLATE.UNKNOWN_PHASE' | 'TEMPLATE.UNKNOWN_GATE',
  problems: Problems,
): void {
  if (value === undefined || (declared ?? []).includes(value)) return;
  const what = code === 'TEMPLATE.UNKNOWN_PHASE' ? 'phases' : 'gates';
  problem(problems, path, `'${value}' is not among the template's ${what}`, code, value);
}
