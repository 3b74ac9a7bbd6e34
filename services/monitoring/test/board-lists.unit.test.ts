import { describe, expect, it } from 'vitest';
import {
  applyToTask,
  comparison,
  departmentWorkload,
  dueLists,
  emptyTask,
  officersOf,
  officerWorkload,
  stepTiming,
  type TaskFact,
} from '../src/domain/board-lists.js';
import { type Ii06aReport, type Ii06aRow, zeroCounts } from '../src/domain/report.js';
import { applyToFact, type DossierFact, emptyFact } from '../src/domain/statistics.js';

// Local Vietnam time → ISO instant.
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();
const ms = (local: string) => Date.parse(vn(local));

let seq = 0;
type Step = [type: string, payload: Record<string, unknown>, occurredAt?: string];

function task(taskId: string, steps: Step[], dossierId = 'd-1'): TaskFact {
  let fact = emptyTask(taskId);
  for (const [type, payload, occurredAt] of steps) {
    fact = applyToTask(fact, {
      eventId: `t-${++seq}`,
      type,
      dossierId,
      dossierCode: `CODE-${dossierId}`,
      occurredAt: occurredAt ?? vn('2000-01-01T00:00'),
      payload: { taskId, ...payload },
    });
  }
  return fact;
}

const JUSTICE = 'hue-city.justice';
const queued = (at: string, due: string, departmentId = JUSTICE, stepName = 'Thẩm định'): Step => [
  'TaskQueued',
  { stepId: `s-${stepName}`, departmentId, stepName, dueAt: vn(due) },
  vn(at),
];
const assigned = (officerId: string, at: string): Step => ['TaskAssigned', { officerId, assignedAt: vn(at) }];
const claimed = (officerId: string, at: string): Step => ['TaskClaimed', { officerId, claimedAt: vn(at) }];
const completed = (officerId: string, at: string): Step => [
  'StepCompleted',
  { stepId: 's', departmentId: JUSTICE, officerId, outcome: 'approved', completedAt: vn(at) },
];
const returned = (officerId: string, at: string): Step => [
  'StepReturned',
  { stepId: 's', toStepId: 'r', reason: 'thiếu', officerId, returnedAt: vn(at) },
];
const closed = (at: string): Step => ['TaskClosed', { reason: 'stopped', closedAt: vn(at) }];

// March 2025 in Vietnam; the board looks on 2 April at 09:00.
const FROM = ms('2025-03-01T00:00');
const TO = ms('2025-04-01T00:00');
const NOW = ms('2025-04-02T09:00');

const TASKS: TaskFact[] = [
  // early: completed on the 4th, due on the 5th
  task('T1', [
    queued('2025-03-03T09:00', '2025-03-05T17:00'),
    claimed('o1', '2025-03-03T10:00'),
    completed('o1', '2025-03-04T15:00'),
  ]),
  // on time: completed on the due day, before the due time
  task('T2', [
    queued('2025-03-10T09:00', '2025-03-12T17:00'),
    assigned('o2', '2025-03-10T10:00'),
    completed('o2', '2025-03-12T16:00'),
  ]),
  // late, completed by o2 who never held it (acting on it takes it)
  task('T3', [
    queued('2025-03-20T09:00', '2025-03-21T17:00'),
    assigned('o1', '2025-03-20T10:00'),
    completed('o2', '2025-03-24T10:00'),
  ]),
  // queued in February, sent back in March
  task('T4', [
    queued('2025-02-25T09:00', '2025-02-27T17:00'),
    claimed('o2', '2025-02-25T10:00'),
    returned('o2', '2025-03-02T09:00'),
  ]),
  // open now and overdue (due 1 April 17:00)
  task('T5', [queued('2025-03-28T09:00', '2025-04-01T17:00'), assigned('o1', '2025-03-28T10:00')]),
  // open now, within time, claimed after the period
  task('T6', [queued('2025-03-31T09:00', '2025-04-03T17:00'), claimed('o2', '2025-04-01T09:00')]),
  // closed when the dossier was stopped
  task('T7', [queued('2025-03-15T09:00', '2025-03-18T17:00'), closed('2025-03-16T09:00')]),
  // another department's
  task('T8', [queued('2025-03-05T09:00', '2025-03-06T17:00', 'hue-city.finance')]),
];

describe('a task fact', () => {
  it('is left as it was when the same event is delivered again', () => {
    const event = {
      eventId: 'x',
      type: 'TaskClaimed',
      dossierId: 'd',
      dossierCode: 'C',
      occurredAt: vn('2025-03-01T09:00'),
      payload: { taskId: 'T', officerId: 'o1', claimedAt: vn('2025-03-01T09:00') },
    };
    const once = applyToTask(emptyTask('T'), event);
    expect(applyToTask(once, event)).toBe(once);
    expect(once.holders).toEqual([{ officerId: 'o1', at: vn('2025-03-01T09:00'), how: 'claimed' }]);
  });

  it('names every officer who held, completed or sent it back, once each', () => {
    expect(officersOf(TASKS[2] as TaskFact)).toEqual(['o1', 'o2']);
    expect(officersOf(TASKS[3] as TaskFact)).toEqual(['o2']);
  });

  it('is early on a day before the due day, on time up to the due time, late after it or without one', () => {
    expect(stepTiming(vn('2025-03-04T23:00'), vn('2025-03-05T08:00'))).toBe('early');
    expect(stepTiming(vn('2025-03-05T17:00'), vn('2025-03-05T17:00'))).toBe('onTime');
    expect(stepTiming(vn('2025-03-05T17:01'), vn('2025-03-05T17:00'))).toBe('late');
    expect(stepTiming(vn('2025-03-05T10:00'), undefined)).toBe('late');
  });
});

describe("a department's workload over March", () => {
  it('counts 6 queued, 3 completed (1 early, 1 on time, 1 late), 1 returned, 2 open now of which 1 overdue', () => {
    expect(departmentWorkload(JUSTICE, TASKS, FROM, TO, NOW)).toEqual({
      departmentId: JUSTICE,
      queued: 6,
      completed: { total: 3, early: 1, onTime: 1, late: 1 },
      returned: 1,
      openNow: 2,
      overdueNow: 1,
    });
  });

  it('counts only its own tasks', () => {
    expect(departmentWorkload('hue-city.finance', TASKS, FROM, TO, NOW)).toMatchObject({
      queued: 1,
      openNow: 1,
      overdueNow: 1,
    });
  });
});

describe("an officer's workload over March", () => {
  it('gives o1 2 assigned, 1 claimed, 1 early completion and 1 task open now', () => {
    expect(officerWorkload('o1', TASKS, FROM, TO, NOW)).toEqual({
      officerId: 'o1',
      assigned: 2,
      claimed: 1,
      completed: { total: 1, early: 1, onTime: 0, late: 0 },
      openNow: 1,
    });
  });

  it('gives o2 1 assigned, no claim in the period, 2 completions (1 on time, 1 late) and 1 task open now', () => {
    expect(officerWorkload('o2', TASKS, FROM, TO, NOW)).toEqual({
      officerId: 'o2',
      assigned: 1,
      claimed: 0,
      completed: { total: 2, early: 0, onTime: 1, late: 1 },
      openNow: 1,
    });
  });
});

// ---- Due lists ----

function dossier(id: string, steps: [string, Record<string, unknown>][]): DossierFact {
  let fact = emptyFact(id, `CODE-${id}`);
  for (const [type, payload] of steps) {
    fact = applyToFact(fact, {
      eventId: `f-${++seq}`,
      type,
      dossierId: id,
      dossierCode: `CODE-${id}`,
      occurredAt: vn('2000-01-01T00:00'),
      payload,
    });
  }
  return fact;
}
const received = (at: string, appointment: string): [string, Record<string, unknown>] => [
  'DossierReceived',
  {
    procedureCode: '1.001',
    centerId: 'hue-city',
    channel: 'counter',
    receivedAt: vn(at),
    appointmentAt: vn(appointment),
  },
];

describe('the near-due and overdue lists on 2 April 2025 at 09:00, within 24 hours', () => {
  const facts = [
    dossier('A', [received('2025-03-25T09:00', '2025-04-02T17:00')]), // due in 8 h
    dossier('B', [received('2025-03-20T09:00', '2025-04-01T17:00')]), // 16 h past
    dossier('C', [received('2025-03-26T09:00', '2025-04-03T10:00')]), // due in 25 h: neither
    dossier('D', [
      received('2025-03-10T09:00', '2025-03-31T17:00'),
      ['DossierProcessingCompleted', { outcome: 'approved', completedAt: vn('2025-03-30T09:00') }],
    ]), // finished
    dossier('E', [
      received('2025-03-18T09:00', '2025-03-28T17:00'),
      ['SupplementRequested', { requestNumber: 1, requestedAt: vn('2025-03-20T09:00') }],
    ]), // the clock stopped before the appointment
    dossier('F', [
      received('2025-03-05T09:00', '2025-03-20T17:00'),
      [
        'ApologyIssued',
        {
          issuedAt: vn('2025-03-18T09:00'),
          previousAppointmentAt: vn('2025-03-20T17:00'),
          newAppointmentAt: vn('2025-04-02T12:00'),
        },
      ],
    ]), // the apology's date: due in 3 h
    dossier('G', [received('2025-03-01T09:00', '2025-03-15T17:00')]), // 424 h past
  ];
  const tasks: Record<string, TaskFact[]> = {
    B: [
      task(
        'B1',
        [
          queued('2025-03-20T09:00', '2025-03-22T17:00', JUSTICE, 'Tiếp nhận'),
          completed('o2', '2025-03-21T09:00'),
        ],
        'B',
      ),
      task(
        'B2',
        [
          queued('2025-03-21T09:00', '2025-03-28T17:00', JUSTICE, 'Thẩm định'),
          claimed('o1', '2025-03-21T10:00'),
        ],
        'B',
      ),
    ],
  };
  const lists = dueLists(facts, (id) => tasks[id] ?? [], new Date(NOW), 24);

  it('lists A (8 h left) as near due', () => {
    expect(lists.nearDue.map((e) => [e.dossierCode, e.hoursLeft])).toEqual([['CODE-A', 8]]);
  });

  it('lists G (424 h past), B (16 h past) and F (an apology: late as II.06a counts it, 3 h before its new date) as overdue, B with its open step and holder', () => {
    expect(lists.overdue.map((e) => [e.dossierCode, e.hoursLeft])).toEqual([
      ['CODE-G', -424],
      ['CODE-B', -16],
      ['CODE-F', 3],
    ]);
    expect(lists.overdue[1]).toMatchObject({
      procedureCode: '1.001',
      dueAt: vn('2025-04-01T17:00'),
      paused: false,
      steps: [
        { stepName: 'Thẩm định', departmentId: JUSTICE, officerId: 'o1', dueAt: vn('2025-03-28T17:00') },
      ],
    });
  });

  it('leaves out a finished dossier, one whose clock stopped in time, and one due beyond the horizon', () => {
    const codes = [...lists.nearDue, ...lists.overdue].map((e) => e.dossierCode);
    expect(codes).not.toContain('CODE-C');
    expect(codes).not.toContain('CODE-D');
    expect(codes).not.toContain('CODE-E');
    expect(dueLists(facts, () => [], new Date(NOW), 25).nearDue.map((e) => e.dossierCode)).toContain(
      'CODE-C',
    );
  });
});

// ---- Comparison ----

function row(centerId: string, fieldCode: string, counts: Partial<Ii06aRow> = {}): Ii06aRow {
  return {
    centerId,
    centerName: `TT ${centerId}`,
    fieldCode,
    fieldName: `LV ${fieldCode}`,
    ...zeroCounts(),
    ...counts,
  };
}
const report = (rows: Ii06aRow[]): Ii06aReport => ({
  from: '',
  to: '',
  asOf: '',
  rows,
  totals: zeroCounts(),
});

describe('the comparison of January and February 2025', () => {
  const months = [
    {
      month: '2025-01',
      report: report([
        row('hue', 'HT', {
          received: { total: 8, online: 2, counterOrPostal: 1, carriedOver: 5 },
          resolved: { total: 4, early: 1, onTime: 2, late: 1 },
          inProgress: { total: 4, withinTime: 2, overdue: 2 },
        }),
        row('hue', 'DD'),
        row('luoi', 'HT', {
          received: { total: 1, online: 0, counterOrPostal: 1, carriedOver: 0 },
          resolved: { total: 1, early: 0, onTime: 0, late: 1 },
        }),
        row('luoi', 'DD'),
      ]),
    },
    { month: '2025-02', report: report([]) },
  ];

  it('per center: Huế received 3 (carried over not counted), resolved 4 at 75 % on time, 2 overdue at the end', () => {
    const c = comparison(2025, 'center', months);
    expect(c.series.map((s) => [s.key, s.name])).toEqual([
      ['hue', 'TT hue'],
      ['luoi', 'TT luoi'],
    ]);
    expect(c.series[0]?.months[0]).toEqual({
      month: '2025-01',
      received: 3,
      resolved: 4,
      early: 1,
      onTime: 2,
      late: 1,
      onTimeRate: 0.75,
      overdueAtMonthEnd: 2,
    });
    expect(c.series[1]?.months[0]).toMatchObject({ received: 1, resolved: 1, onTimeRate: 0 });
  });

  it('per field: HT adds both centers (4 received, 5 resolved, 60 % on time); DD is all zeros, its rate null', () => {
    const c = comparison(2025, 'field', months);
    expect(c.series[0]?.months[0]).toMatchObject({ received: 4, resolved: 5, late: 2, onTimeRate: 0.6 });
    expect(c.series[1]).toMatchObject({ key: 'DD', name: 'LV DD' });
    expect(c.series[1]?.months.every((m) => m.received === 0 && m.onTimeRate === null)).toBe(true);
  });

  it('keeps a month without rows as zeros in every series', () => {
    const c = comparison(2025, 'center', months);
    expect(c.series.map((s) => s.months[1])).toEqual([
      expect.objectContaining({ month: '2025-02', received: 0, resolved: 0, onTimeRate: null }),
      expect.objectContaining({ month: '2025-02', received: 0, resolved: 0, onTimeRate: null }),
    ]);
  });
});
