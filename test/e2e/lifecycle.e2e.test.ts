import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeIn,
  household,
  type Lifecycle,
  startLifecycle,
  taskIn,
  timelineWith,
  types,
  vn,
} from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// The paths of Decree 61/2018 walked on real Kafka and the MongoDB-wire server, the five services
// as separate processes, their clocks moved through March 2026 (no holidays in it) by the test.
const FINANCE = 'hue-city.finance-planning';
const LEADERSHIP = 'hue-city.leadership';
let life: Lifecycle;

beforeAll(async () => {
  life = await startLifecycle(17_500);
});
afterAll(async () => life?.stop());

const http = () => life.system.http;
const counter = () => life.as('counter.hue');

async function receive(body: object): Promise<Json> {
  const r = await call('POST', `${http().intake}/dossiers`, body, await counter());
  expect(r.status).toBe(201);
  return r.body.dossier;
}

async function decide(dossierId: string, path: string, body: object, user: string) {
  return call(
    'POST',
    `${http().routing}/dossiers/${dossierId}/${path}`,
    { commandId: randomUUID(), ...body },
    await life.as(user),
  );
}

async function atCounter(dossierId: string, path: string, body: object) {
  return call(
    'POST',
    `${http().intake}/dossiers/${dossierId}/${path}`,
    { commandId: randomUUID(), ...body },
    await counter(),
  );
}

const route = async (dossierId: string) =>
  (await call('GET', `${http().routing}/dossiers/${dossierId}/route`, undefined, await life.as('board')))
    .body;

const mailsTo = (email: string) => life.smtp.received.filter((m) => m.to.includes(email));

describe("the counter's completeness check against the catalogue", () => {
  it('refuses to receive a dossier that lacks a required document, naming it, and writes nothing', async () => {
    await life.setClock('2026-03-02T09:00');
    const incomplete = {
      ...household('Tạ Văn Thiếu', 'thieu@example.vn'),
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 }],
      checklist: [],
    };
    const refused = await call('POST', `${http().intake}/dossiers`, incomplete, await counter());
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({
      rule: 'intake.receive-complete-only',
      missing: ['Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)'],
    });
    const retried = await call('POST', `${http().intake}/dossiers`, incomplete, await counter());
    expect(retried.status).toBe(409);
  });
});

describe('the public look-up', () => {
  it('shows only the code and the status, and only with the key printed on the receipt', async () => {
    await life.setClock('2026-03-02T09:00');
    const r = await call(
      'POST',
      `${http().intake}/dossiers`,
      household('Âu Thị Tra Cứu', 'tracuu@example.vn'),
      await counter(),
    );
    const { dossierCode } = r.body.dossier;
    const found = await call('POST', `${http().intake}/public/lookup`, {
      dossierCode,
      lookupKey: r.body.lookupKey,
    });
    expect(found).toEqual({ status: 200, body: { dossierCode, status: 'received', nationalStatusCode: 2 } });
    const wrongKey = await call('POST', `${http().intake}/public/lookup`, {
      dossierCode,
      lookupKey: 'AAAAAAAA',
    });
    expect(wrongKey.status).toBe(404);
    expect(wrongKey.body.error.code).toBe('DOSSIER_NOT_FOUND');
  });
});

describe("an applicant's own access", () => {
  it("sees their own dossiers with the receipt, not another applicant's, and may withdraw their own", async () => {
    await life.setClock('2026-03-02T09:00');
    const mine = await call(
      'POST',
      `${http().intake}/dossiers`,
      household('Lâm Thị Chủ', 'chu@example.vn', '046195001111'),
      await counter(),
    );
    const theirs = await receive(household('Lâm Văn Khác', 'khac@example.vn', '046195002222'));
    const access = await call('POST', `${http().intake}/auth/applicant`, {
      dossierCode: mine.body.dossier.dossierCode,
      lookupKey: mine.body.lookupKey,
    });
    expect(access.status).toBe(200);
    expect(access.body.user).toMatchObject({ role: 'applicant', userId: 'applicant:046195001111' });
    const applicant = { authorization: `Bearer ${access.body.accessToken}` };
    const own = await call(
      'GET',
      `${http().intake}/dossiers/${mine.body.dossier.dossierId}`,
      undefined,
      applicant,
    );
    expect(own.status).toBe(200);
    const other = await call('GET', `${http().intake}/dossiers/${theirs.dossierId}`, undefined, applicant);
    expect(other.status).toBe(403);
    expect(other.body.error.details.rule).toBe('auth.own-dossier');
    const wrongKey = await call('POST', `${http().intake}/auth/applicant`, {
      dossierCode: mine.body.dossier.dossierCode,
      lookupKey: 'ZZZZZZZZ',
    });
    expect(wrongKey.status).toBe(404);
    const withdrawn = await call(
      'POST',
      `${http().intake}/dossiers/${mine.body.dossier.dossierId}/withdrawal`,
      { commandId: randomUUID(), reason: 'Tôi không còn nhu cầu' },
      applicant,
    );
    expect(withdrawn.status).toBe(200);
    const notMine = await call(
      'POST',
      `${http().intake}/dossiers/${theirs.dossierId}/withdrawal`,
      { commandId: randomUUID(), reason: 'x' },
      applicant,
    );
    expect(notMine.status).toBe(403);
  });
});

describe('a stop', () => {
  it('ends processing with the reason (status 8) and closes the open task', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive(household('Mạc Văn Dừng', 'dung@example.vn'));
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const stopped = await decide(
      dossier.dossierId,
      'stop',
      { reason: 'Người nộp đề nghị dừng để bổ sung giấy phép con' },
      'head.tckh.hue',
    );
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe('stopped');
    const timeline = await timelineWith(life, dossier.dossierId, 'TaskClosed');
    expect(timeline).toMatchObject({ status: 'stopped', nationalCode: 8 });
  });
});

describe('a supplement request during processing', () => {
  it('is accepted within 3 working days, and the time limit restarts from zero when the file is complete', async () => {
    await life.setClock('2026-03-02T09:00'); // Monday
    const dossier = await receive(household('Trần Thị Bổ Sung', 'bosung@example.vn'));
    expect(dossier.appointmentAt).toBe(vn('2026-03-05T17:00').toISOString());
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');

    await life.setClock('2026-03-03T10:00');
    const asked = await decide(
      dossier.dossierId,
      'supplement-requests',
      {
        missingDocuments: ['Bản sao hợp đồng thuê địa điểm kinh doanh'],
        reason: 'Thiếu giấy tờ về địa điểm',
      },
      'officer.tckh.hue',
    );
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'awaiting_supplement', supplementRequests: 1 });
    await eventually(async () => {
      const d = await call(
        'GET',
        `${http().intake}/dossiers/${dossier.dossierId}`,
        undefined,
        await counter(),
      );
      expect(d.body.process).toMatchObject({ status: 'awaiting_supplement', supplementRequestNumber: 1 });
    });

    await life.setClock('2026-03-10T09:00'); // Tuesday, after the first appointment
    const supplied = await atCounter(dossier.dossierId, 'supplements', {
      documents: [{ name: 'Bản sao hợp đồng thuê địa điểm kinh doanh', original: false, count: 1 }],
    });
    expect(supplied.status).toBe(200);
    // Wed 11, Thu 12, Fri 13: three working days counted again from the complete file
    await eventually(async () =>
      expect((await route(dossier.dossierId)).appointmentAt).toBe(vn('2026-03-13T17:00').toISOString()),
    );

    await completeIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    await completeIn(life, LEADERSHIP, dossier.dossierId, 'leader.hue');
    const timeline = await timelineWith(life, dossier.dossierId, 'ResultReceivedAtCounter');
    expect(types(timeline)).toEqual(
      expect.arrayContaining([
        'SupplementRequested',
        'SupplementReceived',
        'ProcessingClockRestarted',
        'DossierProcessingCompleted',
      ]),
    );
    await eventually(() =>
      expect(
        mailsTo('bosung@example.vn').some((m) =>
          m.text.includes('Bản sao hợp đồng thuê địa điểm kinh doanh'),
        ),
      ).toBe(true),
    );
  });

  it('is refused after 3 working days from reception, and nothing is written', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive(household('Lê Văn Muộn', 'muon@example.vn'));
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    await life.setClock('2026-03-06T09:00'); // Friday: the 4th working day
    const late = await decide(
      dossier.dossierId,
      'supplement-requests',
      { missingDocuments: ['Bản sao CCCD'] },
      'officer.tckh.hue',
    );
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'routing.supplement-within-3-working-days' },
    });
    expect(late.body.error.message.vi).toContain('03 ngày làm việc');
    expect((await route(dossier.dossierId)).supplementRequests).toBe(0);
  });

  it('cannot be answered at the counter when nothing was asked', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive(household('Phan Văn Thừa', 'thua@example.vn'));
    const unasked = await atCounter(dossier.dossierId, 'supplements', {
      documents: [{ name: 'Giấy tờ thừa' }],
    });
    expect(unasked.status).toBe(409);
    expect(unasked.body.error.details.rule).toBe('intake.supplement-awaited');
  });
});

describe('a late dossier', () => {
  it('gets one apology with a new appointment at least a working day before it is due, and no second', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive(household('Đỗ Thị Trễ', 'tre@example.vn'));
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    await life.setClock('2026-03-04T10:00'); // Wednesday; due Thursday 17:00
    const apology = await decide(
      dossier.dossierId,
      'apology',
      { newAppointmentAt: vn('2026-03-10T17:00').toISOString(), reason: 'Cần xác minh địa điểm kinh doanh' },
      'leader.hue',
    );
    expect(apology.status).toBe(200);
    expect(apology.body).toMatchObject({
      apologyIssued: true,
      appointmentAt: vn('2026-03-10T17:00').toISOString(),
    });
    const again = await decide(
      dossier.dossierId,
      'apology',
      { newAppointmentAt: vn('2026-03-12T17:00').toISOString(), reason: 'Lần hai' },
      'leader.hue',
    );
    expect(again.status).toBe(409);
    expect(again.body.error.details.rule).toBe('routing.apology-at-most-once');

    await life.setClock('2026-03-09T10:00'); // past the first appointment
    await completeIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    await completeIn(life, LEADERSHIP, dossier.dossierId, 'leader.hue');
    const timeline = await timelineWith(life, dossier.dossierId, 'DossierProcessingCompleted');
    const completed = timeline.entries.find((e: Json) => e.type === 'DossierProcessingCompleted');
    expect(Date.parse(completed.payload.completedAt)).toBeGreaterThan(Date.parse(dossier.appointmentAt));
    await eventually(() =>
      expect(mailsTo('tre@example.vn').some((m) => m.text.includes('17:00 ngày 10/03/2026'))).toBe(true),
    );

    // The board's audit: the state as it stood before and after the apology, and the control sheet.
    const board = await life.as('board');
    const audit = `${http().monitoring}/dossiers/${dossier.dossierId}`;
    const before = await call(
      'GET',
      `${audit}/state?at=${encodeURIComponent(vn('2026-03-04T09:00').toISOString())}`,
      undefined,
      board,
    );
    expect(before.body).toMatchObject({
      status: 'processing',
      appointmentAt: vn('2026-03-05T17:00').toISOString(),
    });
    expect(before.body.openSteps).toMatchObject([{ stepId: 'appraise', departmentId: FINANCE }]);
    const after = await call(
      'GET',
      `${audit}/state?at=${encodeURIComponent(vn('2026-03-04T12:00').toISOString())}`,
      undefined,
      board,
    );
    // the apology's date stands beside the legal appointment; the dossier stays late (Decree 61 Art 19)
    expect(after.body).toMatchObject({
      appointmentAt: vn('2026-03-05T17:00').toISOString(),
      rescheduledReturnAt: vn('2026-03-10T17:00').toISOString(),
    });
    const sheet = await call('GET', `${audit}/control-sheet`, undefined, board);
    expect(sheet.body.rows).toMatchObject([
      // officers by the full names their own events carry (Mẫu 05), not by login
      { stepId: 'appraise', giver: 'Trần Văn Nam (Phòng TC-KH)', result: 'late' },
      { stepId: 'sign', giver: 'Phạm Minh Quang (Phó Chủ tịch UBND)' },
    ]);
    const html = await fetch(`${audit}/control-sheet.html`, { headers: board });
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(page).toContain('Quá hạn');
    // the center's own officers read the dossier's history (issue 14: department officers see it too)
    const lineOfficer = await call(
      'GET',
      `${audit}/control-sheet`,
      undefined,
      await life.as('officer.tckh.hue'),
    );
    expect(lineOfficer.status).toBe(200);
  });

  it('gets no apology on its due day: it is simply late', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive(household('Vũ Văn Quá Hạn', 'quahan@example.vn'));
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    await life.setClock('2026-03-05T10:00');
    const refused = await decide(
      dossier.dossierId,
      'apology',
      { newAppointmentAt: vn('2026-03-10T17:00').toISOString(), reason: 'Muộn' },
      'head.tckh.hue',
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.rule).toBe('routing.apology-one-working-day-before-due');
  });
});

describe('a refusal after appraisal', () => {
  it('goes back to the counter as the result, with reasons, and closes the open task', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive(household('Hồ Văn Từ Chối', 'tuchoi@example.vn'));
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const officerTries = await decide(
      dossier.dossierId,
      'refusal',
      { reasons: ['Không đủ điều kiện'] },
      'officer.tckh.hue',
    );
    expect(officerTries.status).toBe(403);
    const refusal = await decide(
      dossier.dossierId,
      'refusal',
      { reasons: ['Ngành, nghề đăng ký thuộc danh mục cấm kinh doanh'] },
      'head.tckh.hue',
    );
    expect(refusal.status).toBe(200);
    expect(refusal.body.status).toBe('refused');
    await eventually(async () => {
      const d = await call(
        'GET',
        `${http().intake}/dossiers/${dossier.dossierId}`,
        undefined,
        await counter(),
      );
      expect(d.body).toMatchObject({ status: 'result_at_counter', resultOutcome: 'refused' });
    });
    const timeline = await timelineWith(life, dossier.dossierId, 'TaskClosed');
    expect(types(timeline)).toEqual(expect.arrayContaining(['DossierRefusedAfterAppraisal', 'TaskClosed']));
    const queue = await call(
      'GET',
      `${http().department}/departments/${FINANCE}/queue`,
      undefined,
      await life.as('officer.tckh.hue'),
    );
    expect(queue.body.some((t: Json) => t.dossierId === dossier.dossierId)).toBe(false);
    expect(
      (
        await atCounter(dossier.dossierId, 'result-return', {
          method: 'counter',
          receiverName: 'Hồ Văn Từ Chối',
        })
      ).status,
    ).toBe(200);
    await eventually(() =>
      expect(mailsTo('tuchoi@example.vn').some((m) => m.text.includes('danh mục cấm kinh doanh'))).toBe(true),
    );
  });
});

describe('a withdrawal', () => {
  it('ends processing, closes the tasks, and the board sees status 7', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive(household('Cao Thị Rút', 'rut@example.vn'));
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const withdrawn = await atCounter(dossier.dossierId, 'withdrawal', {
      reason: 'Người nộp không còn nhu cầu',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const timeline = await timelineWith(life, dossier.dossierId, 'TaskClosed');
    expect(types(timeline)).toEqual(
      expect.arrayContaining(['DossierWithdrawn', 'DossierProcessingClosed', 'TaskClosed']),
    );
    expect(timeline).toMatchObject({ status: 'withdrawn', nationalCode: 7 });
    const completing = await call(
      'POST',
      `${http().department}/tasks/${timeline.entries.find((e: Json) => e.type === 'TaskQueued').payload.taskId}/complete`,
      { commandId: randomUUID() },
      await life.as('officer.tckh.hue'),
    );
    expect(completing.status).toBe(409);
  });
});

describe('an interconnected group across three agencies', () => {
  it('runs police and social insurance in parallel after the birth registration, then returns', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive({
      commandId: randomUUID(),
      procedureCode: 'birth-residence-health-insurance-under-6',
      applicant: { fullName: 'Nguyễn Văn Cha', email: 'lienthong@example.vn' },
      documents: [{ name: 'Giấy chứng sinh', original: true, count: 1 }],
    });
    await eventually(async () =>
      expect((await route(dossier.dossierId)).currentSteps?.map((s: Json) => s.departmentId)).toEqual([
        'hue-city.commune.phu-hoi',
      ]),
    );
    await completeIn(life, 'hue-city.commune.phu-hoi', dossier.dossierId, 'officer.phuhoi.hue');
    // both branches are queued at once
    await taskIn(life, 'hue-city.police', dossier.dossierId, 'officer.congan.hue');
    await taskIn(life, 'hue-city.social-insurance', dossier.dossierId, 'officer.bhxh.hue');
    await completeIn(life, 'hue-city.social-insurance', dossier.dossierId, 'officer.bhxh.hue');
    await timelineWith(life, dossier.dossierId, 'BranchCompleted');
    await completeIn(life, 'hue-city.police', dossier.dossierId, 'officer.congan.hue');
    const back = await taskIn(life, 'hue-city.commune.phu-hoi', dossier.dossierId, 'officer.phuhoi.hue');
    expect(back.stepId).toBe('return-results');
    await completeIn(life, 'hue-city.commune.phu-hoi', dossier.dossierId, 'officer.phuhoi.hue');
    const timeline = await timelineWith(life, dossier.dossierId, 'ResultReceivedAtCounter');
    const routed = timeline.entries
      .filter((e: Json) => e.type === 'DossierRouted')
      .map((e: Json) => e.payload.departmentId);
    expect(routed).toEqual([
      'hue-city.commune.phu-hoi',
      'hue-city.police',
      'hue-city.social-insurance',
      'hue-city.commune.phu-hoi',
    ]);
  });
});

describe('a land dossier with a financial obligation', () => {
  it('pauses the clock until the applicant pays, then extends the appointment', async () => {
    await life.setClock('2026-03-02T09:00');
    const dossier = await receive({
      commandId: randomUUID(),
      procedureCode: '9.000202',
      applicant: { fullName: 'Lê Văn Đất', email: 'dat@example.vn' },
      documents: [
        { name: 'Đơn xin chuyển mục đích sử dụng đất', original: true, count: 1 },
        { name: 'Giấy chứng nhận đã cấp', original: true, count: 1 },
      ],
    });
    await completeIn(life, 'hue-city.natural-resources', dossier.dossierId, 'officer.tnmt.hue');
    await completeIn(life, LEADERSHIP, dossier.dossierId, 'leader.hue');
    await taskIn(life, 'hue-city.tax-sub-department', dossier.dossierId, 'officer.thue.hue');
    const before = (await route(dossier.dossierId)).appointmentAt;

    await life.setClock('2026-03-04T10:00');
    const notice = await decide(
      dossier.dossierId,
      'financial-obligations',
      { amountVnd: 5_000_000, description: 'Tiền sử dụng đất khi chuyển mục đích' },
      'officer.thue.hue',
    );
    expect(notice.status).toBe(200);
    expect(notice.body.status).toBe('awaiting_payment');
    await eventually(async () => {
      const d = await call(
        'GET',
        `${http().intake}/dossiers/${dossier.dossierId}`,
        undefined,
        await counter(),
      );
      expect(d.body.process).toMatchObject({ status: 'awaiting_payment', amountVnd: 5_000_000 });
    });

    await life.setClock('2026-03-09T10:00');
    const paid = await atCounter(dossier.dossierId, 'payments', {
      amountVnd: 5_000_000,
      method: 'counter',
      receiptNumber: 'BL-0042',
    });
    expect(paid.status).toBe(200);
    await eventually(async () =>
      expect(Date.parse((await route(dossier.dossierId)).appointmentAt)).toBeGreaterThan(Date.parse(before)),
    );

    await completeIn(life, 'hue-city.tax-sub-department', dossier.dossierId, 'officer.thue.hue');
    await completeIn(life, 'hue-city.land-registration-branch', dossier.dossierId, 'officer.vpdk.hue');
    const timeline = await timelineWith(life, dossier.dossierId, 'ResultReceivedAtCounter');
    expect(types(timeline)).toEqual(
      expect.arrayContaining(['FinancialObligationNotified', 'FeePaid', 'ProcessingClockResumed']),
    );
    await eventually(() =>
      expect(mailsTo('dat@example.vn').some((m) => m.text.includes('5.000.000 đồng'))).toBe(true),
    );
  });
});

describe('an online submission', () => {
  it('waits as status 1 until the counter checks and receives it with a code', async () => {
    await life.setClock('2026-03-02T08:00');
    const submitted = await call('POST', `${http().intake}/online-submissions`, {
      commandId: randomUUID(),
      submissionSecret: randomUUID(),
      procedureCode: '2.000575',
      centerId: 'hue-city',
      applicant: { fullName: 'Mai Thị Trực Tuyến', idNumber: '046190007777', email: 'online@example.vn' },
      documents: [
        { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
        {
          name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)',
          original: false,
          count: 1,
        },
      ],
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', channel: 'online', dossierCode: '' });
    const received = await atCounter(submitted.body.dossierId, 'reception', {
      guidance: 'Hồ sơ trực tuyến đầy đủ',
    });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', channel: 'online' });
    expect(received.body.dossierCode).toMatch(/^000\.00\.31\.H57-260302-\d{4}$/);
    await taskIn(life, FINANCE, submitted.body.dossierId, 'officer.tckh.hue');
  });

  it('is refused at intake with reasons (Mẫu 03), which the board sees as status 3', async () => {
    const submitted = await call('POST', `${http().intake}/online-submissions`, {
      commandId: randomUUID(),
      submissionSecret: randomUUID(),
      procedureCode: '2.000575',
      centerId: 'hue-city',
      applicant: { fullName: 'Kiều Văn Sai', email: 'sai@example.vn' },
      documents: [{ name: 'Đơn không đúng mẫu', original: true, count: 1 }],
    });
    const refused = await atCounter(submitted.body.dossierId, 'refusal', {
      reasons: ['Không thuộc thẩm quyền của cấp huyện'],
    });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('refused');
    const timeline = await timelineWith(life, submitted.body.dossierId, 'DossierRefusedAtIntake');
    expect(timeline).toMatchObject({ status: 'refused_at_intake', nationalCode: 3 });
    await eventually(() =>
      expect(mailsTo('sai@example.vn').some((m) => m.text.includes('Không thuộc thẩm quyền'))).toBe(true),
    );
  });
});
