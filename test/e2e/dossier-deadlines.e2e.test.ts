import { randomUUID } from 'node:crypto';
import { eventually, SERVICES } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household, type Lifecycle, startLifecycle, taskIn, timelineWith, vn } from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// The dossier's legal clock acting on its own: routing's durable timers fire at working-day instants
// while the test moves the services' clocks across the Hùng Kings weekend and the 30/4–1/5 holiday.
const FINANCE = 'hue-city.finance-planning';
let life: Lifecycle;

beforeAll(async () => {
  life = await startLifecycle(18_600);
});
afterAll(async () => life?.stop());

/** Every service's clock to a Vietnam local time with seconds, e.g. '2026-05-04T07:29:58'. */
async function setClockTo(local: string): Promise<void> {
  const admin = await life.as('sysadmin');
  for (const service of SERVICES) {
    const now = new Date(`${local}+07:00`).toISOString();
    const r = await call('PUT', `${life.system.http[service]}/test/clock`, { now }, admin);
    expect(r.status).toBe(200);
  }
}

/** The one fact of this type in the timeline, once it is there. */
async function fact(dossierId: string, type: string): Promise<Json> {
  const timeline = await timelineWith(life, dossierId, type);
  const found = timeline.entries.filter((e: Json) => e.type === type);
  expect(found).toHaveLength(1);
  return found[0].payload;
}

/** An instant recorded by a timer: at its planned instant, or within the minute after it. */
const firedAt = (recorded: string, planned: string) => {
  const delay = Date.parse(recorded) - vn(planned).getTime();
  expect(delay).toBeGreaterThanOrEqual(0);
  expect(delay).toBeLessThan(60_000);
};

describe("a dossier's deadlines across a weekend and a holiday", () => {
  it('is prompted to apologise, near due and overdue at the working-day instants, and a late apology is refused', async () => {
    await life.setClock('2026-04-28T09:00'); // Tuesday, after the Hùng Kings weekend (25–27 April off)
    const received = await call(
      'POST',
      `${life.system.http.intake}/dossiers`,
      household('Vũ Thị Hạn', 'han@example.vn'),
      await life.as('counter.hue'),
    );
    expect(received.status).toBe(201);
    const dossier = received.body.dossier as Json;
    // 3 working days: Wed 29 April, (30/4 – 3/5 off) Mon 4 May, Tue 5 May.
    expect(dossier.appointmentAt).toBe(vn('2026-05-05T17:00').toISOString());
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');

    // The apology prompt: the start of the last working day the apology is allowed (Mon 4 May).
    await setClockTo('2026-05-04T07:29:58');
    const prompted = await fact(dossier.dossierId, 'ApologyPrompted');
    firedAt(prompted.promptedAt, '2026-05-04T07:30');
    expect(prompted).toMatchObject({
      appointmentAt: dossier.appointmentAt,
      apologyDeadline: vn('2026-05-05T00:00').toISOString(),
      departmentIds: [FINANCE],
    });

    // The head of the responsible department finds the prompt in their inbox.
    const head = await life.as('head.tckh.hue');
    await eventually(async () => {
      const inbox = await call('GET', `${life.system.http.notification}/inbox`, undefined, head);
      expect(inbox.status).toBe(200);
      expect(
        inbox.body.filter((n: Json) => n.type === 'ApologyPrompted' && n.dossierId === dossier.dossierId),
      ).toHaveLength(1);
    });

    // Near due one working day (450 working minutes) before the appointment: Tue 5 May 07:30.
    await setClockTo('2026-05-05T07:29:58');
    const nearDue = await fact(dossier.dossierId, 'DossierNearDue');
    firedAt(nearDue.detectedAt, '2026-05-05T07:30');
    expect(nearDue).toMatchObject({ horizonWorkingMinutes: 450, departmentIds: [FINANCE] });

    // On the appointment's day the apology is too late, as the law says.
    await life.setClock('2026-05-05T08:00');
    const late = await call(
      'POST',
      `${life.system.http.routing}/dossiers/${dossier.dossierId}/apology`,
      {
        commandId: randomUUID(),
        newAppointmentAt: vn('2026-05-08T17:00').toISOString(),
        reason: 'Cần xác minh thêm',
      },
      await life.as('leader.hue'),
    );
    expect(late.status).toBe(409);
    expect(late.body.error.details.rule).toBe('routing.apology-one-working-day-before-due');

    await setClockTo('2026-05-05T16:59:58');
    const overdue = await fact(dossier.dossierId, 'DossierOverdue');
    firedAt(overdue.detectedAt, '2026-05-05T17:00');
    expect(overdue).toMatchObject({ appointmentAt: dossier.appointmentAt, departmentIds: [FINANCE] });

    // The applicant got the receipt's message once, and nothing for the officers' deadline facts.
    await eventually(() =>
      expect(life.smtp.received.filter((m) => m.to.includes('han@example.vn'))).toHaveLength(1),
    );
    const timeline = await timelineWith(life, dossier.dossierId, 'DossierOverdue');
    const notified = timeline.entries.filter((e: Json) => e.type === 'ApplicantNotified');
    expect(notified.map((e: Json) => e.payload.template)).toEqual(['dossier-received']);
  });
});
