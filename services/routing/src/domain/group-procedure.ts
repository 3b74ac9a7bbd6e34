import type { Directory } from '@motcua/organisation';
import type { Procedure, ProcedureGroup, WorkflowStep } from './catalogue.js';

const HOURS_PER_WORKING_DAY = 8;

/** A member's stage: how many members must finish before it (parallel members share a stage). */
function stagesOf(group: ProcedureGroup): Map<string, number> {
  const byId = new Map(group.members.map((m) => [m.memberId, m]));
  const stages = new Map<string, number>();
  const stageOf = (id: string): number => {
    const known = stages.get(id);
    if (known !== undefined) return known;
    const after = byId.get(id)?.after ?? [];
    const stage = after.length === 0 ? 0 : 1 + Math.max(...after.map(stageOf));
    stages.set(id, stage);
    return stage;
  };
  for (const m of group.members) stageOf(m.memberId);
  return stages;
}

/**
 * One dossier for an interconnected group: the group's members become the steps of one workflow,
 * each agency working in its own stage, members with the same predecessors in parallel. The
 * group id is the dossier's procedure reference.
 */
export function groupAsProcedure(group: ProcedureGroup): Procedure {
  const stages = stagesOf(group);
  const workflow: WorkflowStep[] = group.members.map((m) => ({
    stepId: m.memberId,
    name: m.task,
    departmentKind: m.agencyKind,
    // resolved per center when the dossier is routed (resolveGroupWorkflow)
    departmentId: '',
    departmentName: m.procedureName,
    role: 'department_officer',
    allottedWorkingHours:
      m.allotted.unit === 'working_hours' ? m.allotted.value : m.allotted.value * HOURS_PER_WORKING_DAY,
    stage: stages.get(m.memberId) ?? 0,
  }));
  return {
    code: group.groupId,
    version: group.version,
    name: group.name,
    fieldCode: 'LIEN-THONG',
    levels: group.levels,
    legalTimeLimit: group.legalTimeLimit,
    legalBasis: group.legalBasis,
    workflow,
    unverified: group.unverified ?? [],
  };
}

/**
 * The units of a group's steps for one center. A commune People's Committee cannot be told from
 * the center alone; until reception records the applicant's commune, the center's first commune
 * takes the commune steps (a known limit, listed in docs/lifecycle.md).
 */
export function resolveGroupWorkflow(
  workflow: WorkflowStep[],
  centerId: string,
  org: Directory,
  asOf: Date,
): WorkflowStep[] | undefined {
  const steps: WorkflowStep[] = [];
  for (const step of workflow) {
    const unit =
      org.resolve(centerId, step.departmentKind, asOf) ??
      (step.departmentKind === 'commune-people-committee'
        ? (() => {
            const commune = org.agenciesOf(centerId, asOf).find((a) => a.kind === 'commune-people-committee');
            return commune && { unitId: commune.agencyId, name: commune.name };
          })()
        : undefined);
    if (!unit) return undefined;
    steps.push({ ...step, departmentId: unit.unitId, departmentName: unit.name });
  }
  return steps;
}
