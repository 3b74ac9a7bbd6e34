import { DATA_START, ORGANISATION, type UnitKind } from '@motcua/organisation';
import type { RequiredDocument, WorkflowStep } from '../catalogue.js';

/** The center whose units the stored workflows name (the walking skeleton's); others use workflowFor. */
export const DEFAULT_CENTER_ID = 'hue-city';

const HOURS = 8;
export const days = (n: number) => n * HOURS;

/** A workflow step whose kind is resolved at the default center. */
export function step(
  stepId: string,
  name: string,
  departmentKind: UnitKind,
  role: 'department_officer' | 'department_head' | 'district_leader',
  allottedWorkingHours: number,
  extra: Pick<WorkflowStep, 'stage' | 'clockPausedAfter'> = {},
): WorkflowStep {
  const unit = ORGANISATION.resolve(DEFAULT_CENTER_ID, departmentKind, DATA_START);
  if (!unit) throw new Error(`no ${departmentKind} at ${DEFAULT_CENTER_ID}`);
  return {
    stepId,
    name,
    departmentKind,
    departmentId: unit.unitId,
    departmentName: unit.name,
    role,
    allottedWorkingHours,
    ...extra,
  };
}

export function doc(
  name: string,
  form: RequiredDocument['form'],
  extra: Partial<Omit<RequiredDocument, 'name' | 'form'>> = {},
): RequiredDocument {
  return { name, form, count: 1, ...extra };
}

/** The usual pair of district procedures: the department appraises, the leadership signs. */
export const appraiseAndSign = (kind: UnitKind, appraiseHours: number, signHours: number) => [
  step('appraise', 'Thụ lý, thẩm định hồ sơ', kind, 'department_officer', appraiseHours),
  step('sign', 'Ký duyệt kết quả', 'leadership', 'district_leader', signHours),
];

export const RECALLED_CODE =
  'procedure code recalled from the national database (csdl.dichvucong.gov.vn), not checked there';
export const PLACEHOLDER_CODE =
  'procedure code is a placeholder (9.xxxxxx): the national code was not found; replace before use';
export const CONDENSED_DOCUMENTS = 'required documents condensed from memory, not the published text';
export const FEE_BY_PROVINCE =
  'fee set by the provincial People’s Council (Circular 85/2019/TT-BTC); amount not known';
export const ONLINE_LEVEL = 'online service level in Thừa Thiên Huế';
