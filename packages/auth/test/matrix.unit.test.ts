import { isDomainError } from '@motcua/contracts';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type Action,
  authorize,
  type Principal,
  type Resource,
  ROLES,
  type Role,
} from '../src/index.js';

// Expected answers are written out cell by cell, not derived from the matrix: a change to the
// matrix must be made here too, on purpose. Y = allowed, - = refused.
const COLUMNS: Role[] = [
  'applicant',
  'counter_officer',
  'department_officer',
  'department_head',
  'district_leader',
  'center_admin',
  'supervision_board',
  'system_admin',
  'system',
];

// Each role's actor, placed at the Huế city center (finance-planning for the department roles; the
// leader in the leadership, as a district leader is).
const HUE = 'hue-city';
const FINANCE = 'hue-city.finance-planning';
const LEADERSHIP = 'hue-city.leadership';
const ACTORS: Record<Role, Principal> = {
  applicant: { userId: 'citizen-1', role: 'applicant' },
  counter_officer: { userId: 'counter.hue', role: 'counter_officer', centerId: HUE },
  department_officer: {
    userId: 'officer.tckh.hue',
    role: 'department_officer',
    centerId: HUE,
    departmentId: FINANCE,
  },
  department_head: { userId: 'head.tckh.hue', role: 'department_head', centerId: HUE, departmentId: FINANCE },
  district_leader: { userId: 'leader.hue', role: 'district_leader', centerId: HUE, departmentId: LEADERSHIP },
  center_admin: { userId: 'admin.hue', role: 'center_admin', centerId: HUE },
  supervision_board: { userId: 'board', role: 'supervision_board' },
  system_admin: { userId: 'sysadmin', role: 'system_admin' },
  system: { userId: 'system:intake', role: 'system' },
};

/** A dossier/task/queue of Huế's finance-planning department, of applicant citizen-1. */
const HOME: Resource = { centerId: HUE, departmentId: FINANCE, applicantId: 'citizen-1' };
/** The same at another center, of another applicant. */
const FOREIGN: Resource = {
  centerId: 'da-nang',
  departmentId: 'da-nang.finance-planning',
  applicantId: 'citizen-2',
};

//                                  appl cntr doff dhead ldr  cadm board sadm sys
const ON_HOME = `
auth.login                           Y    Y    Y    Y    Y    Y    Y    Y    Y
procedure.read                       Y    Y    Y    Y    Y    Y    Y    Y    Y
dossier.lookup                       Y    Y    Y    Y    Y    Y    Y    Y    Y
security.read                        -    -    -    -    -    -    Y    Y    -
dossier.receive                      -    Y    -    -    -    -    -    -    -
dossier.returnResult                 -    Y    -    -    -    -    -    -    -
dossier.printReceipt                 -    Y    -    -    -    -    -    -    -
dossier.read                         Y    Y    Y    Y    Y    Y    Y    Y    -
officers.read                        -    Y    Y    Y    Y    Y    Y    Y    -
task.read                            -    -    Y    Y    -    -    Y    Y    -
task.complete                        -    -    Y    Y    -    -    -    -    -
queue.read                           -    -    Y    Y    -    -    Y    Y    -
timeline.read                        -    Y    Y    Y    Y    Y    Y    Y    -
messages.read                        Y    Y    -    -    -    Y    Y    Y    -
provider.callback                    Y    Y    Y    Y    Y    Y    Y    Y    Y
preferences.set                      Y    -    -    -    -    -    -    -    -
inbox.read                           -    -    Y    Y    -    -    -    -    -
document.upload                      Y    Y    -    -    -    -    -    -    -
document.read                        -    Y    Y    Y    Y    Y    Y    Y    -
dossier.submitOnline                 Y    Y    Y    Y    Y    Y    Y    Y    Y
document.attachToSubmission          Y    Y    Y    Y    Y    Y    Y    Y    Y
dossier.checkOnline                  -    Y    -    -    -    Y    Y    Y    -
dossier.attachResultFile             -    Y    Y    Y    Y    -    -    -    -
dossier.downloadResult               Y    Y    -    -    -    -    -    -    -
dossier.acceptOnline                 -    Y    -    -    -    -    -    -    -
dossier.refuseAtIntake               -    Y    -    -    -    -    -    -    -
dossier.requestSupplementAtIntake    -    Y    -    -    -    -    -    -    -
dossier.receiveSupplement            Y    Y    -    -    -    -    -    -    -
dossier.recordPayment                Y    Y    -    -    -    -    -    -    -
dossier.withdraw                     Y    Y    -    -    -    -    -    -    -
dossier.giveFeedback                 Y    -    -    -    -    -    -    -    -
dossier.requestSupplement            -    -    Y    Y    -    -    -    -    -
dossier.notifyFinancialObligation    -    -    Y    Y    -    -    -    -    -
dossier.refuse                       -    -    -    Y    Y    -    -    -    -
dossier.apologize                    -    -    -    Y    Y    -    -    -    -
dossier.stop                         -    -    -    Y    Y    -    -    -    -
task.assign                          -    -    -    Y    -    -    -    -    -
task.claim                           -    -    Y    Y    -    -    -    -    -
task.record                          -    -    Y    Y    -    -    -    -    -
task.returnStep                      -    -    Y    Y    -    -    -    -    -
calendar.read                        Y    Y    Y    Y    Y    Y    Y    Y    Y
calendar.publish                     -    -    -    -    -    -    -    Y    -
workingHours.publish                 -    -    -    -    -    Y    -    Y    -
report.read                          -    -    -    -    Y    Y    Y    Y    -
test.clock                           -    -    -    -    -    -    -    Y    -
integrity.read                       -    -    -    -    -    -    Y    Y    -
events.follow                        -    -    -    -    -    -    Y    Y    -
digest.read                          -    -    -    Y    Y    -    Y    Y    -
`;

//                                  appl cntr doff dhead ldr  cadm board sadm sys
const ON_FOREIGN = `
auth.login                           Y    Y    Y    Y    Y    Y    Y    Y    Y
procedure.read                       Y    Y    Y    Y    Y    Y    Y    Y    Y
dossier.lookup                       Y    Y    Y    Y    Y    Y    Y    Y    Y
security.read                        -    -    -    -    -    -    Y    Y    -
dossier.receive                      -    -    -    -    -    -    -    -    -
dossier.returnResult                 -    -    -    -    -    -    -    -    -
dossier.printReceipt                 -    -    -    -    -    -    -    -    -
dossier.read                         -    -    -    -    -    -    Y    Y    -
officers.read                        -    -    -    -    -    -    Y    Y    -
task.read                            -    -    -    -    -    -    Y    Y    -
task.complete                        -    -    -    -    -    -    -    -    -
queue.read                           -    -    -    -    -    -    Y    Y    -
timeline.read                        -    -    -    -    -    -    Y    Y    -
messages.read                        -    -    -    -    -    -    Y    Y    -
provider.callback                    Y    Y    Y    Y    Y    Y    Y    Y    Y
preferences.set                      -    -    -    -    -    -    -    -    -
inbox.read                           -    -    -    -    -    -    -    -    -
document.upload                      -    -    -    -    -    -    -    -    -
document.read                        -    -    -    -    -    -    Y    Y    -
dossier.submitOnline                 Y    Y    Y    Y    Y    Y    Y    Y    Y
document.attachToSubmission          Y    Y    Y    Y    Y    Y    Y    Y    Y
dossier.checkOnline                  -    -    -    -    -    -    Y    Y    -
dossier.attachResultFile             -    -    -    -    -    -    -    -    -
dossier.downloadResult               -    -    -    -    -    -    -    -    -
dossier.acceptOnline                 -    -    -    -    -    -    -    -    -
dossier.refuseAtIntake               -    -    -    -    -    -    -    -    -
dossier.requestSupplementAtIntake    -    -    -    -    -    -    -    -    -
dossier.receiveSupplement            -    -    -    -    -    -    -    -    -
dossier.recordPayment                -    -    -    -    -    -    -    -    -
dossier.withdraw                     -    -    -    -    -    -    -    -    -
dossier.giveFeedback                 -    -    -    -    -    -    -    -    -
dossier.requestSupplement            -    -    -    -    -    -    -    -    -
dossier.notifyFinancialObligation    -    -    -    -    -    -    -    -    -
dossier.refuse                       -    -    -    -    -    -    -    -    -
dossier.apologize                    -    -    -    -    -    -    -    -    -
dossier.stop                         -    -    -    -    -    -    -    -    -
task.assign                          -    -    -    -    -    -    -    -    -
task.claim                           -    -    -    -    -    -    -    -    -
task.record                          -    -    -    -    -    -    -    -    -
task.returnStep                      -    -    -    -    -    -    -    -    -
calendar.read                        Y    Y    Y    Y    Y    Y    Y    Y    Y
calendar.publish                     -    -    -    -    -    -    -    Y    -
workingHours.publish                 -    -    -    -    -    -    -    Y    -
report.read                          -    -    -    -    -    -    Y    Y    -
test.clock                           -    -    -    -    -    -    -    Y    -
integrity.read                       -    -    -    -    -    -    Y    Y    -
events.follow                        -    -    -    -    -    -    Y    Y    -
digest.read                          -    -    -    -    -    -    Y    Y    -
`;

function parseGrid(grid: string): Map<string, boolean[]> {
  const rows = grid
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  for (const [, ...cells] of rows) if (cells.some((c) => c !== 'Y' && c !== '-')) throw new Error(grid);
  return new Map(rows.map(([action, ...cells]) => [action!, cells.map((c) => c === 'Y')]));
}

/** The rule of the refusal, or 'allowed'. */
function outcome(actor: Principal | undefined, action: Action, resource: Resource): string {
  try {
    authorize(actor, action, resource);
    return 'allowed';
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return err.code === 'PERMISSION_DENIED' ? String(err.details.rule) : err.code;
  }
}

describe.each([
  ['a resource of their own center and department', ON_HOME, HOME],
  ['a resource of another center', ON_FOREIGN, FOREIGN],
])('the permission matrix, every role against every action, on %s', (_name, grid, resource) => {
  const expected = parseGrid(grid);

  it('lists every action and every role of the matrix', () => {
    expect([...expected.keys()].sort()).toEqual([...ACTIONS].sort());
    expect([...COLUMNS].sort()).toEqual([...ROLES].sort());
    for (const cells of expected.values()) expect(cells).toHaveLength(COLUMNS.length);
  });

  const cells = ACTIONS.flatMap((action) =>
    COLUMNS.map((role, i) => ({ action, role, allowed: expected.get(action)?.[i] })),
  );
  it.each(cells)('$role → $action: allowed=$allowed', ({ action, role, allowed }) => {
    expect(allowed).toBeDefined();
    const result = outcome(ACTORS[role], action, resource);
    if (allowed) expect(result).toBe('allowed');
    else expect(result).toMatch(/^auth\./);
  });
});

describe('the scope rules, case by case', () => {
  const danangCounter: Principal = { userId: 'counter.danang', role: 'counter_officer', centerId: 'da-nang' };
  const cases: [string, Principal | undefined, Action, Resource, string][] = [
    [
      "another center's counter officer returns a Huế result",
      danangCounter,
      'dossier.returnResult',
      HOME,
      'auth.own-center',
    ],
    [
      "another center's counter officer reads a Huế dossier",
      danangCounter,
      'dossier.read',
      HOME,
      'auth.own-center',
    ],
    [
      'a finance officer completes a leadership step',
      ACTORS.department_officer,
      'task.complete',
      { centerId: HUE, departmentId: LEADERSHIP },
      'auth.own-department',
    ],
    [
      'a finance officer reads the leadership queue',
      ACTORS.department_officer,
      'queue.read',
      { departmentId: LEADERSHIP },
      'auth.own-department',
    ],
    [
      'the leader signs a leadership step',
      ACTORS.district_leader,
      'task.complete',
      { centerId: HUE, departmentId: LEADERSHIP },
      'allowed',
    ],
    [
      'the leader completes a finance step',
      ACTORS.district_leader,
      'task.complete',
      HOME,
      'auth.own-department',
    ],
    [
      'an applicant reads their own dossier',
      ACTORS.applicant,
      'dossier.read',
      { centerId: HUE, applicantId: 'citizen-1' },
      'allowed',
    ],
    [
      "an applicant reads someone else's dossier",
      ACTORS.applicant,
      'dossier.read',
      { centerId: HUE, applicantId: 'citizen-2' },
      'auth.own-dossier',
    ],
    [
      'an applicant reads a dossier with no known owner',
      ACTORS.applicant,
      'dossier.read',
      { centerId: HUE },
      'auth.own-dossier',
    ],
    ['the board tries a command', ACTORS.supervision_board, 'dossier.receive', HOME, 'auth.role'],
    ['the board reads any timeline', ACTORS.supervision_board, 'timeline.read', {}, 'allowed'],
    [
      'a counter officer without a center',
      { userId: 'x', role: 'counter_officer' },
      'dossier.receive',
      {},
      'auth.own-center',
    ],
    [
      'a center-scoped read of a resource whose center is unknown',
      ACTORS.counter_officer,
      'messages.read',
      {},
      'auth.own-center',
    ],
    [
      'an empty center on both sides never matches',
      { userId: 'x', role: 'counter_officer', centerId: '' },
      'dossier.read',
      { centerId: '' },
      'auth.own-center',
    ],
    ['a role outside the list', { userId: 'x', role: 'root' }, 'dossier.read', HOME, 'auth.role'],
    [
      'a role named like an object property',
      { userId: 'x', role: 'constructor' },
      'dossier.read',
      HOME,
      'auth.role',
    ],
    ['nobody logged in, on a command', undefined, 'dossier.receive', HOME, 'UNAUTHENTICATED'],
    ['nobody logged in, on the public catalogue', undefined, 'procedure.read', {}, 'allowed'],
  ];
  it.each(cases)('%s → %s', (_name, actor, action, resource, expected) => {
    expect(outcome(actor, action, resource)).toBe(expected);
  });

  it('refuses in both languages, naming the rule, the action and the role', () => {
    try {
      authorize(danangCounter, 'dossier.returnResult', HOME);
      expect.unreachable();
    } catch (err) {
      expect(isDomainError(err) && err.httpStatus).toBe(403);
      expect(isDomainError(err) && err.toJSON()).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: { vi: expect.stringContaining('Trung tâm'), en: expect.stringContaining('center') },
        details: { rule: 'auth.own-center', action: 'dossier.returnResult', role: 'counter_officer' },
      });
    }
  });
});
