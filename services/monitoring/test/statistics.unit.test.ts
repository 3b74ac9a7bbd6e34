import { describe, expect, it } from 'vitest';
import {
  countFact,
  type Ii06aCounts,
  ii06aReport,
  monthKey,
  monthsBetween,
  periodOf,
  timingOf,
  zeroCounts,
} from '../src/domain/report.js';
import { applyToFact, type DossierFact, emptyFact, type FactEvent } from '../src/domain/statistics.js';

// Local Vietnam time → ISO instant.
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();
const FIELDS: Record<string, string> = { '1.001': 'H57-HT', '2.002': 'H57-DD' };
const fieldOf = (code: string) => FIELDS[code];

let seq = 0;
type Step = [type: string, payload: Record<string, unknown>];

function fold(dossierId: string, steps: Step[]): DossierFact {
  let fact = emptyFact(dossierId);
  for (const [type, payload] of steps) {
    const event: FactEvent = {
      eventId: `e-${++seq}`,
      type,
      dossierId,
      dossierCode: `CODE-${dossierId}`,
      occurredAt: vn('2000-01-01T00:00'),
      payload,
    };
    fact = applyToFact(fact, event, fieldOf);
  }
  return fact;
}

const received = (
  at: string,
  appointment: string,
  opts: { channel?: string; center?: string; procedure?: string; online?: boolean } = {},
): Step => [
  'DossierReceived',
  {
    procedureCode: opts.procedure ?? '1.001',
    procedureVersion: 1,
    channel: opts.channel ?? 'counter',
    centerId: opts.center ?? 'A',
    receivingUnitCode: '000.00.31.H57',
    receivedAt: vn(at),
    appointmentAt: vn(appointment),
    ...(opts.online ? { fromOnlineSubmission: true } : {}),
  },
];
const completed = (at: string, outcome = 'approved'): Step => [
  'DossierProcessingCompleted',
  { outcome, completedAt: vn(at) },
];
const atCounter = (at: string): Step => ['ResultReceivedAtCounter', { receivedAt: vn(at) }];
const returned = (at: string): Step => ['ResultReturned', { returnedAt: vn(at), method: 'counter' }];
const supplement = (n: number, at: string): Step => [
  'SupplementRequested',
  { requestNumber: n, requestedAt: vn(at), missingDocuments: ['x'], stepId: 's' },
];
const restarted = (at: string, appointment: string): Step => [
  'ProcessingClockRestarted',
  { restartedAt: vn(at), appointmentAt: vn(appointment), reason: 'supplement_complete' },
];
const apology = (at: string, previous: string, next: string): Step => [
  'ApologyIssued',
  { issuedAt: vn(at), previousAppointmentAt: vn(previous), newAppointmentAt: vn(next), reason: 'r' },
];

// March 2025 in Vietnam: [03-01 00:00 +07, 04-01 00:00 +07).
const MARCH = periodOf(2025, 'month', 3)!;
const FROM = MARCH.from.getTime();
const TO = MARCH.to.getTime();
const LATER = new Date(vn('2025-05-01T00:00'));

const SCENARIO: DossierFact[] = [
  // 1 early: resolved days before the appointment, returned
  fold('d01', [
    received('2025-03-03T09:00', '2025-03-10T17:00'),
    completed('2025-03-07T10:00'),
    returned('2025-03-08T09:00'),
  ]),
  // 2 on time (the appointment's day), online, result at the counter and not collected
  fold('d02', [
    received('2025-03-03T09:00', '2025-03-10T17:00', { channel: 'online' }),
    completed('2025-03-10T16:00'),
    atCounter('2025-03-10T16:30'),
  ]),
  // 3 late, by post
  fold('d03', [
    received('2025-03-03T09:00', '2025-03-10T17:00', { channel: 'postal' }),
    completed('2025-03-11T09:00'),
    returned('2025-03-12T09:00'),
  ]),
  // 4 two supplement requests: late although resolved before the appointment in force
  fold('d04', [
    received('2025-03-03T09:00', '2025-03-10T17:00'),
    supplement(1, '2025-03-04T09:00'),
    restarted('2025-03-05T09:00', '2025-03-12T17:00'),
    supplement(2, '2025-03-06T09:00'),
    restarted('2025-03-07T09:00', '2025-03-14T17:00'),
    completed('2025-03-12T10:00'),
    returned('2025-03-13T09:00'),
  ]),
  // 5 apology: late although resolved before the new appointment
  fold('d05', [
    received('2025-03-03T09:00', '2025-03-10T17:00'),
    apology('2025-03-07T09:00', '2025-03-10T17:00', '2025-03-20T17:00'),
    completed('2025-03-18T10:00'),
    returned('2025-03-19T09:00'),
  ]),
  // 6 withdrawn (intake, then routing closes)
  fold('d06', [
    received('2025-03-04T09:00', '2025-03-11T17:00'),
    ['DossierWithdrawn', { reason: 'r', withdrawnAt: vn('2025-03-05T09:00') }],
    ['DossierProcessingClosed', { reason: 'withdrawn', closedAt: vn('2025-03-05T09:01') }],
  ]),
  // 7 stopped, land
  fold('d07', [
    received('2025-03-04T09:00', '2025-03-25T17:00', { procedure: '2.002' }),
    ['DossierProcessingStopped', { reason: 'r', stoppedAt: vn('2025-03-06T09:00') }],
  ]),
  // 8 refused at intake, land: never received
  fold('d08', [
    [
      'DossierRefusedAtIntake',
      { reasons: ['r'], refusedAt: vn('2025-03-05T09:00'), procedureCode: '2.002', centerId: 'A' },
    ],
  ]),
  // 9 carried over, still open, past its appointment
  fold('d09', [received('2025-02-20T09:00', '2025-02-27T17:00')]),
  // 10 carried over, resolved on its appointment day
  fold('d10', [
    received('2025-02-25T09:00', '2025-03-04T17:00'),
    completed('2025-03-04T11:00'),
    returned('2025-03-05T09:00'),
  ]),
  // 11 resolved and returned in February: not in March
  fold('d11', [
    received('2025-02-10T09:00', '2025-02-21T17:00'),
    completed('2025-02-20T09:00'),
    returned('2025-02-21T09:00'),
  ]),
  // 12 received at the very first instant of March (online submission received), within time
  fold('d12', [
    [
      'DossierSubmittedOnline',
      { procedureCode: '1.001', procedureVersion: 1, centerId: 'A', submittedAt: vn('2025-02-27T09:00') },
    ],
    received('2025-03-01T00:00', '2025-04-10T17:00', { online: true }),
  ]),
  // 13 received at the first instant of April: not in March
  fold('d13', [received('2025-04-01T00:00', '2025-04-10T17:00')]),
  // 14 resolved at the first instant of March: carried over, resolved early, not collected
  fold('d14', [received('2025-02-26T09:00', '2025-03-05T17:00'), completed('2025-03-01T00:00')]),
  // 15 awaiting a supplement at the end: in progress, paused, within time
  fold('d15', [received('2025-03-25T09:00', '2025-04-01T17:00'), supplement(1, '2025-03-26T09:00')]),
  // 16, 17 center B, land: within time; overdue
  fold('d16', [received('2025-03-28T09:00', '2025-04-05T17:00', { center: 'B', procedure: '2.002' })]),
  fold('d17', [received('2025-03-20T09:00', '2025-03-27T17:00', { center: 'B', procedure: '2.002' })]),
  // 18 center B, a procedure the catalogue does not know: resolved on time, not collected
  fold('d18', [
    received('2025-03-10T09:00', '2025-03-17T17:00', { center: 'B', procedure: '9.999' }),
    completed('2025-03-17T09:00'),
  ]),
];

const counts = (patch: {
  received?: Partial<Ii06aCounts['received']>;
  resolved?: Partial<Ii06aCounts['resolved']>;
  inProgress?: Partial<Ii06aCounts['inProgress']>;
  paused?: number;
  withdrawnOrStopped?: number;
  finishedNotCollected?: number;
  refusedAtIntake?: number;
}): Ii06aCounts => {
  const z = zeroCounts();
  return {
    ...z,
    ...patch,
    received: { ...z.received, ...patch.received },
    resolved: { ...z.resolved, ...patch.resolved },
    inProgress: { ...z.inProgress, ...patch.inProgress },
  };
};

const REPORT_INPUT = {
  ...MARCH,
  now: LATER,
  centers: [
    { centerId: 'A', name: 'Trung tâm A' },
    { centerId: 'B', name: 'Trung tâm B' },
    { centerId: 'C', name: 'Trung tâm C' },
  ],
  fields: [
    { fieldCode: 'H57-HT', name: 'Hộ tịch' },
    { fieldCode: 'H57-DD', name: 'Đất đai' },
    { fieldCode: 'H57-XD', name: 'Xây dựng' },
  ],
};

describe('the statistics fact of a dossier', () => {
  it('keeps what the report needs from the events', () => {
    const d04 = SCENARIO[3]!;
    expect(d04).toMatchObject({
      centerId: 'A',
      fieldCode: 'H57-HT',
      channel: 'counter',
      receivedAt: vn('2025-03-03T09:00'),
      originalAppointmentAt: vn('2025-03-10T17:00'),
      completedAt: vn('2025-03-12T10:00'),
      outcome: 'approved',
      returnedAt: vn('2025-03-13T09:00'),
    });
    expect(d04.supplementRequests).toHaveLength(2);
    expect(d04.clockStops).toEqual([
      { from: vn('2025-03-04T09:00'), to: vn('2025-03-05T09:00'), reason: 'supplement' },
      { from: vn('2025-03-06T09:00'), to: vn('2025-03-07T09:00'), reason: 'supplement' },
    ]);
    expect(SCENARIO[5]!.withdrawnAt).toBe(vn('2025-03-05T09:00')); // intake's time, not routing's close
    expect(SCENARIO[7]).toMatchObject({ refusedAtIntakeAt: vn('2025-03-05T09:00'), fieldCode: 'H57-DD' });
    expect(SCENARIO[11]!.channel).toBe('online');
    expect(SCENARIO[17]!.fieldCode).toBe('');
  });

  it('changes nothing on a redelivered or unrelated event', () => {
    const fact = fold('x', [received('2025-03-03T09:00', '2025-03-10T17:00')]);
    const event: FactEvent = {
      eventId: fact.eventIds[0]!,
      type: 'DossierReceived',
      dossierId: 'x',
      dossierCode: '',
      occurredAt: vn('2025-03-03T09:00'),
      payload: {},
    };
    expect(applyToFact(fact, event)).toBe(fact);
    expect(applyToFact(fact, { ...event, eventId: 'other', type: 'TaskClaimed' })).toBe(fact);
    // the same supplement request number twice (a second event id for one request) counts once
    const once = fold('y', [supplement(1, '2025-03-04T09:00'), supplement(1, '2025-03-04T09:00')]);
    expect(once.supplementRequests).toHaveLength(1);
  });
});

describe('report II.06a for March 2025, by hand', () => {
  const report = ii06aReport(SCENARIO, REPORT_INPUT);
  const row = (centerId: string, fieldCode: string) => {
    const r = report.rows.find((x) => x.centerId === centerId && x.fieldCode === fieldCode);
    if (!r) throw new Error(`no row ${centerId} ${fieldCode}`);
    const { centerId: _c, centerName: _n, fieldCode: _f, fieldName: _fn, ...c } = r;
    return c;
  };

  it('center A, civil status: 8 new + 3 carried = 7 resolved + 1 withdrawn + 3 in progress', () => {
    expect(row('A', 'H57-HT')).toEqual(
      counts({
        received: { total: 11, online: 2, counterOrPostal: 6, carriedOver: 3 },
        resolved: { total: 7, early: 2, onTime: 2, late: 3 },
        inProgress: { total: 3, withinTime: 2, overdue: 1 },
        paused: 1,
        withdrawnOrStopped: 1,
        finishedNotCollected: 2,
      }),
    );
  });

  it('center A, land: one stopped, one refused at intake (not received)', () => {
    expect(row('A', 'H57-DD')).toEqual(
      counts({ received: { total: 1, counterOrPostal: 1 }, withdrawnOrStopped: 1, refusedAtIntake: 1 }),
    );
  });

  it('center B: land within time and overdue; an unknown procedure under "unknown"', () => {
    expect(row('B', 'H57-DD')).toEqual(
      counts({
        received: { total: 2, counterOrPostal: 2 },
        inProgress: { total: 2, withinTime: 1, overdue: 1 },
      }),
    );
    expect(row('B', 'unknown')).toEqual(
      counts({
        received: { total: 1, counterOrPostal: 1 },
        resolved: { total: 1, onTime: 1 },
        finishedNotCollected: 1,
      }),
    );
  });

  it('shows every center and field, with zero rows, in the given order', () => {
    expect(report.rows.map((r) => `${r.centerId}/${r.fieldCode}`)).toEqual([
      'A/H57-HT',
      'A/H57-DD',
      'A/H57-XD',
      'A/unknown',
      'B/H57-HT',
      'B/H57-DD',
      'B/H57-XD',
      'B/unknown',
      'C/H57-HT',
      'C/H57-DD',
      'C/H57-XD',
      'C/unknown',
    ]);
    expect(row('C', 'H57-XD')).toEqual(zeroCounts());
    expect(row('A', 'H57-XD')).toEqual(zeroCounts());
    expect(report.rows.find((r) => r.centerId === 'C')?.centerName).toBe('Trung tâm C');
  });

  it('adds the rows up', () => {
    expect(report.totals).toEqual(
      counts({
        received: { total: 15, online: 2, counterOrPostal: 10, carriedOver: 3 },
        resolved: { total: 8, early: 2, onTime: 3, late: 3 },
        inProgress: { total: 5, withinTime: 3, overdue: 2 },
        paused: 1,
        withdrawnOrStopped: 2,
        finishedNotCollected: 3,
        refusedAtIntake: 1,
      }),
    );
    const t = report.totals;
    expect(t.received.total).toBe(t.resolved.total + t.withdrawnOrStopped + t.inProgress.total);
    expect(report).toMatchObject({
      from: vn('2025-03-01T00:00'),
      to: vn('2025-04-01T00:00'),
      asOf: vn('2025-04-01T00:00'),
    });
  });

  it('one center only', () => {
    const only = ii06aReport(SCENARIO, { ...REPORT_INPUT, centerId: 'B' });
    expect(new Set(only.rows.map((r) => r.centerId))).toEqual(new Set(['B']));
    expect(only.totals.received.total).toBe(3);
    expect(only.centerId).toBe('B');
  });

  it('uses the catalogue again for facts whose field was unknown when received', () => {
    const again = ii06aReport(SCENARIO, {
      ...REPORT_INPUT,
      fieldOf: (c) => (c === '9.999' ? 'H57-XD' : undefined),
    });
    expect(again.rows.some((r) => r.fieldCode === 'unknown')).toBe(false);
    expect(again.rows.find((r) => r.centerId === 'B' && r.fieldCode === 'H57-XD')?.resolved.onTime).toBe(1);
  });
});

describe('the same dossiers in February 2025: the boundaries seen from the other side', () => {
  const feb = periodOf(2025, 'month', 2)!;
  const report = ii06aReport(SCENARIO, { ...REPORT_INPUT, ...feb });
  const a = report.rows.find((r) => r.centerId === 'A' && r.fieldCode === 'H57-HT')!;

  it('counts d09, d10, d11, d14 as received; d14 resolved at the first instant of March is still in progress', () => {
    expect(a.received).toEqual({ total: 4, online: 0, counterOrPostal: 4, carriedOver: 0 });
    // d11 resolved early (02-20 < 02-21), returned
    expect(a.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    // d09 overdue (02-27 17:00 passed); d10 and d14 within time
    expect(a.inProgress).toEqual({ total: 3, withinTime: 2, overdue: 1 });
    expect(a.finishedNotCollected).toBe(0);
  });
});

describe('edge cases of the definitions', () => {
  const base = received('2025-03-03T09:00', '2025-03-10T17:00');

  it('a result exactly at the appointment is on time; a millisecond later is late', () => {
    const f = fold('e1', [base]);
    expect(timingOf(f, vn('2025-03-10T17:00'))).toBe('onTime');
    expect(timingOf(f, new Date(Date.parse(vn('2025-03-10T17:00')) + 1).toISOString())).toBe('late');
    expect(timingOf(f, vn('2025-03-09T23:59'))).toBe('early');
    expect(timingOf(f, vn('2025-03-10T00:00'))).toBe('onTime');
  });

  it('one supplement request: judged against the restarted appointment', () => {
    const f = fold('e2', [
      base,
      supplement(1, '2025-03-04T09:00'),
      restarted('2025-03-05T09:00', '2025-03-12T17:00'),
    ]);
    expect(timingOf(f, vn('2025-03-11T10:00'))).toBe('early');
    expect(timingOf(f, vn('2025-03-12T10:00'))).toBe('onTime');
    expect(timingOf(f, vn('2025-03-13T10:00'))).toBe('late');
  });

  it('an apology makes a dossier still in progress overdue from when it is issued', () => {
    const f = fold('e3', [base, apology('2025-03-07T09:00', '2025-03-10T17:00', '2025-03-20T17:00')]);
    const at = (local: string) => countFact(f, FROM, Date.parse(vn(local)), LATER.getTime())!.inProgress;
    expect(at('2025-03-07T08:00')).toEqual({ total: 1, withinTime: 1, overdue: 0 });
    expect(at('2025-03-07T10:00')).toEqual({ total: 1, withinTime: 0, overdue: 1 });
    // issued at the very instant the period ends: that belongs to the next period
    expect(at('2025-03-07T09:00')).toEqual({ total: 1, withinTime: 1, overdue: 0 });
  });

  it('a second supplement request makes it overdue while in progress', () => {
    const f = fold('e4', [
      base,
      supplement(1, '2025-03-04T09:00'),
      restarted('2025-03-05T09:00', '2025-03-12T17:00'),
      supplement(2, '2025-03-06T09:00'),
    ]);
    const c = countFact(f, FROM, TO, LATER.getTime())!;
    expect(c.inProgress).toEqual({ total: 1, withinTime: 0, overdue: 1 });
    expect(c.paused).toBe(1);
  });

  it('a clock paused for a financial obligation is judged at the pause, then on the extended appointment', () => {
    const f = fold('e5', [
      base,
      [
        'FinancialObligationNotified',
        { amountVnd: 1, description: 'd', pausesClock: true, notifiedAt: vn('2025-03-06T09:00') },
      ],
    ]);
    const c = countFact(f, FROM, TO, LATER.getTime())!;
    expect(c.inProgress).toEqual({ total: 1, withinTime: 1, overdue: 0 });
    expect(c.paused).toBe(0); // paused means awaiting a supplement
    const resumed = fold('e6', [
      base,
      [
        'FinancialObligationNotified',
        { amountVnd: 1, description: 'd', pausesClock: true, notifiedAt: vn('2025-03-06T09:00') },
      ],
      [
        'ProcessingClockResumed',
        {
          resumedAt: vn('2025-03-20T09:00'),
          pausedFrom: vn('2025-03-06T09:00'),
          appointmentAt: vn('2025-03-24T17:00'),
        },
      ],
      completed('2025-03-24T10:00'),
    ]);
    expect(timingOf(resumed, vn('2025-03-24T10:00'))).toBe('onTime');
    // a notice that does not pause the clock changes nothing
    const notPaused = fold('e7', [
      base,
      [
        'FinancialObligationNotified',
        { amountVnd: 1, description: 'd', pausesClock: false, notifiedAt: vn('2025-03-06T09:00') },
      ],
    ]);
    expect(notPaused.clockStops).toEqual([]);
  });

  it('a refusal after appraisal is a result (resolved), judged like any other', () => {
    const f = fold('e8', [
      base,
      ['DossierRefusedAfterAppraisal', { reasons: ['r'], refusedAt: vn('2025-03-05T09:00') }],
      completed('2025-03-05T09:00', 'refused'),
    ]);
    expect(f.outcome).toBe('refused');
    expect(countFact(f, FROM, TO, LATER.getTime())!.resolved).toEqual({
      total: 1,
      early: 1,
      onTime: 0,
      late: 0,
    });
  });

  it('an online submission never received counts nowhere', () => {
    const f = fold('e9', [
      [
        'DossierSubmittedOnline',
        { procedureCode: '1.001', procedureVersion: 1, centerId: 'A', submittedAt: vn('2025-03-04T09:00') },
      ],
    ]);
    expect(countFact(f, FROM, TO, LATER.getTime())).toBeUndefined();
  });

  it('a report whose end is still to come judges in-progress dossiers now', () => {
    const f = fold('e10', [received('2025-03-03T09:00', '2025-03-20T17:00')]);
    const now = Date.parse(vn('2025-03-15T12:00'));
    expect(countFact(f, FROM, TO, now)!.inProgress).toEqual({ total: 1, withinTime: 1, overdue: 0 });
    expect(ii06aReport([f], { ...REPORT_INPUT, now: new Date(now) }).asOf).toBe(vn('2025-03-15T12:00'));
  });
});

describe('reporting periods (Vietnam time)', () => {
  it.each([
    ['month', 3, '2025-03-01T00:00', '2025-04-01T00:00'],
    ['month', 12, '2025-12-01T00:00', '2026-01-01T00:00'],
    ['quarter', 2, '2025-04-01T00:00', '2025-07-01T00:00'],
    ['quarter', 4, '2025-10-01T00:00', '2026-01-01T00:00'],
    ['half', 2, '2025-07-01T00:00', '2026-01-01T00:00'],
    ['nine-months', 1, '2025-01-01T00:00', '2025-10-01T00:00'],
    ['year', 1, '2025-01-01T00:00', '2026-01-01T00:00'],
  ] as const)('%s %i of 2025', (kind, index, from, to) => {
    expect(periodOf(2025, kind, index)).toEqual({ from: new Date(vn(from)), to: new Date(vn(to)) });
  });

  it.each([
    ['month', 0],
    ['month', 13],
    ['quarter', 5],
    ['half', 3],
    ['nine-months', 2],
    ['year', 2],
  ] as const)('%s %i is out of range', (kind, index) => {
    expect(periodOf(2025, kind, index)).toBeUndefined();
  });

  it('names months in Vietnam time and lists them across a year end', () => {
    expect(monthKey(new Date(vn('2025-03-01T00:00')))).toBe('2025-03');
    expect(monthKey(new Date(new Date(vn('2025-03-01T00:00')).getTime() - 1))).toBe('2025-02');
    expect(monthsBetween(new Date(vn('2024-11-15T00:00')), new Date(vn('2025-02-01T00:00')))).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
  });
});
