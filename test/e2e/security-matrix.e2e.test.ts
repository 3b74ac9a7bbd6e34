// The security suite's matrix (issue 13, parts 5 and 7): role × route × center on the running
// services with real tokens of demo users of two centers (Huế city, Hương Thủy), an applicant's own
// token, replayed command ids across actors, forged tokens over HTTP and gRPC, and the workflow's
// and the law's rules on who works a step and who decides on a dossier.
import { randomBytes, randomUUID } from 'node:crypto';
import { AuditServiceClient, isDomainError } from '@motcua/contracts';
import { createClient } from '@motcua/grpc';
import { eventually } from '@motcua/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, Tokens } from '../../packages/auth/src/index.js';
import {
  asOfficer,
  completeIn,
  type Headers,
  household,
  type Lifecycle,
  startLifecycle,
  taskIn,
} from './lifecycle-harness.js';
import { call, type Json } from './session.js';

const HUE_USERS = ['counter.hue', 'officer.tckh.hue', 'head.tckh.hue', 'leader.hue', 'admin.hue'] as const;
const HT_USERS = ['counter.huongthuy', 'officer.tckh.huongthuy', 'leader.huongthuy'] as const;
const ACTORS = [...HUE_USERS, ...HT_USERS, 'board', 'sysadmin', 'applicant'] as const;
type Actor = (typeof ACTORS)[number];
const FINANCE = 'hue-city.finance-planning';

/** The expected status for each actor, written out (not derived from the matrix it checks). */
type Row = Record<Actor, number>;
const row = (allowed: readonly Actor[], denied = 403): Row =>
  Object.fromEntries(ACTORS.map((a) => [a, allowed.includes(a) ? 200 : denied])) as Row;

let life: Lifecycle;
const as: Partial<Record<Actor, Headers>> = {};
let dossier: Json; // a household business registration received at Huế, at finance-planning's appraisal
const http = () => life.system.http;

beforeAll(async () => {
  life = await startLifecycle(19_300);
  await life.setClock('2026-03-02T09:00');
  for (const user of ACTORS) if (user !== 'applicant') as[user] = await life.as(user);
  const received = await call(
    'POST',
    `${http().intake}/dossiers`,
    household('Phan Thị Ma Trận', 'matran@example.vn', '046196003333'),
    as['counter.hue'],
  );
  expect(received.status).toBe(201);
  dossier = { ...received.body.dossier, lookupKey: received.body.lookupKey };
  const access = await call('POST', `${http().intake}/auth/applicant`, {
    dossierCode: dossier.dossierCode,
    lookupKey: dossier.lookupKey,
  });
  expect(access.status).toBe(200);
  as.applicant = { authorization: `Bearer ${access.body.accessToken}` };
  await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
});

afterAll(async () => life?.stop());

/** Every actor's answer on one route; the mismatches, so a failure names who got what. */
async function answers(method: string, url: string, expected: Row, body?: () => object) {
  const wrong: string[] = [];
  for (const actor of ACTORS) {
    const r = await call(method, url, body?.(), as[actor]);
    if (r.status !== expected[actor]) wrong.push(`${actor}: ${r.status} (expected ${expected[actor]})`);
  }
  return wrong;
}

describe('reads of a Huế dossier, role × center', () => {
  it("shows the dossier to the Huế center's staff, the auditors and its applicant, no one at Hương Thủy", async () => {
    const url = `${http().intake}/dossiers/${dossier.dossierCode}`;
    expect(await answers('GET', url, row([...HUE_USERS, 'board', 'sysadmin', 'applicant']))).toEqual([]);
  });

  it("shows the dossier's history to the center's counter, officers, managers and the auditors only", async () => {
    const url = `${http().monitoring}/dossiers/${dossier.dossierCode}/timeline`;
    const readers = [
      'counter.hue',
      'officer.tckh.hue',
      'head.tckh.hue',
      'leader.hue',
      'admin.hue',
      'board',
      'sysadmin',
    ] as const;
    await eventually(async () => expect((await call('GET', url, undefined, as.board)).status).toBe(200));
    expect(await answers('GET', url, row(readers))).toEqual([]);
  });

  it("shows the messages to the center's own counter and admin, the auditors and the applicant", async () => {
    const url = `${http().notification}/dossiers/${dossier.dossierId}/messages`;
    await eventually(async () => expect((await call('GET', url, undefined, as.board)).status).toBe(200));
    const readers = ['counter.hue', 'admin.hue', 'board', 'sysadmin', 'applicant'] as const;
    expect(await answers('GET', url, row(readers))).toEqual([]);
  });

  it("shows a department's queue to its own officers, head and the auditors", async () => {
    const url = `${http().department}/departments/${FINANCE}/queue`;
    const readers = ['officer.tckh.hue', 'head.tckh.hue', 'board', 'sysadmin'] as const;
    expect(await answers('GET', url, row(readers))).toEqual([]);
  });

  it('refuses every read without a token (401)', async () => {
    for (const url of [
      `${http().intake}/dossiers/${dossier.dossierCode}`,
      `${http().monitoring}/dossiers/${dossier.dossierCode}/timeline`,
      `${http().notification}/dossiers/${dossier.dossierId}/messages`,
      `${http().department}/departments/${FINANCE}/queue`,
    ]) {
      expect((await call('GET', url)).status).toBe(401);
    }
  });
});

describe("commands on a Huế dossier, role × center and the law's step holder", () => {
  it('refuses a refusal to everyone but the head of the appraising unit (the leadership waits for its own step)', async () => {
    const url = `${http().routing}/dossiers/${dossier.dossierId}/refusal`;
    const reasons = () => ({ commandId: randomUUID(), reasons: ['Không đủ điều kiện'] });
    const refusers = ACTORS.filter((a) => a !== 'head.tckh.hue');
    for (const actor of refusers) {
      const r = await call('POST', url, reasons(), as[actor]);
      expect({ actor, status: r.status }).toEqual({ actor, status: 403 });
    }
    const leader = await call('POST', url, reasons(), as['leader.hue']);
    expect(leader.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { rule: 'law.step-holder' },
    });
    expect(leader.body.error.message.vi).toBeTruthy();
    const otherCenter = await call('POST', url, reasons(), as['leader.huongthuy']);
    expect(otherCenter.body.error.details.rule).toBe('auth.own-center');
  });

  it("refuses the step's completion to other units, other centers and other roles", async () => {
    const task = await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const url = `${http().department}/tasks/${task.taskId}/complete`;
    const expected: Partial<Record<Actor, string>> = {
      'counter.hue': 'auth.role',
      'leader.hue': 'department.own-queue',
      'admin.hue': 'auth.role',
      'counter.huongthuy': 'auth.role',
      'officer.tckh.huongthuy': 'department.own-queue',
      'leader.huongthuy': 'department.own-queue',
      board: 'auth.role',
      sysadmin: 'auth.role',
      applicant: 'auth.role',
    };
    for (const [actor, rule] of Object.entries(expected) as [Actor, string][]) {
      const r = await call('POST', url, { commandId: randomUUID(), note: 'x' }, as[actor]);
      expect({ actor, status: r.status, rule: r.body.error?.details?.rule }).toEqual({
        actor,
        status: 403,
        rule,
      });
    }
  });

  it("refuses another center's counter the result return and the receipt", async () => {
    const ret = await call(
      'POST',
      `${http().intake}/dossiers/${dossier.dossierId}/result-return`,
      { commandId: randomUUID(), method: 'counter', receiverName: 'Phan Thị Ma Trận' },
      as['counter.huongthuy'],
    );
    expect(ret.status).toBe(403);
    const receipt = await call(
      'GET',
      `${http().intake}/dossiers/${dossier.dossierId}/receipt`,
      undefined,
      as['counter.huongthuy'],
    );
    expect(receipt.status).toBe(403);
  });

  it('lets the leadership refuse once the dossier reaches its signing step, and no longer the appraising head', async () => {
    await completeIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    await taskIn(life, 'hue-city.leadership', dossier.dossierId, 'leader.hue');
    const url = `${http().routing}/dossiers/${dossier.dossierId}/refusal`;
    const byHead = await call('POST', url, { commandId: randomUUID(), reasons: ['x'] }, as['head.tckh.hue']);
    expect(byHead.status).toBe(403);
    expect(byHead.body.error.details.rule).toBe('law.step-holder');
    const byLeader = await call(
      'POST',
      url,
      { commandId: randomUUID(), reasons: ['Không đủ điều kiện theo quy định'] },
      as['leader.hue'],
    );
    expect(byLeader.status).toBe(200);
  });
});

describe("a step the workflow gives to the department's head", () => {
  it('refuses the signing step of 2.000815 to a plain officer (403) and lets the head sign', async () => {
    const received = await call(
      'POST',
      `${http().intake}/dossiers`,
      {
        commandId: randomUUID(),
        procedureCode: '2.000815',
        applicant: { fullName: 'Đỗ Văn Chứng Thực', idNumber: '046196004444', email: 'chungthuc@example.vn' },
        documents: [
          { name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', original: true, count: 1 },
          { name: 'Bản sao cần chứng thực', original: false, count: 1 },
        ],
      },
      as['counter.hue'],
    );
    expect(received.status).toBe(201);
    const dossierId = received.body.dossier.dossierId;
    await completeIn(life, 'hue-city.justice', dossierId, 'officer.tuphap.hue');
    const signing = await eventually(async () => {
      const t = await taskIn(life, 'hue-city.justice', dossierId, 'officer.tuphap.hue');
      expect(t.stepId).toBe('sign');
      return t;
    });
    expect(signing.role).toBe('department_head');
    const url = `${http().department}/tasks/${signing.taskId}/complete`;
    const byOfficer = await call(
      'POST',
      url,
      { commandId: randomUUID(), note: 'ký' },
      await life.as('officer.tuphap.hue'),
    );
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { rule: 'workflow.step-role' },
    });
    const head = await asOfficer({
      userId: 'head.tuphap.hue',
      role: 'department_head',
      centerId: 'hue-city',
      departmentId: 'hue-city.justice',
    });
    expect(
      (await call('POST', url, { commandId: randomUUID(), note: 'Đã ký chứng thực' }, head)).status,
    ).toBe(200);
  });
});

describe('replayed command ids', () => {
  it("answers another center's counter 409 COMMAND_ID_CONFLICT, without the first dossier", async () => {
    const first = household('Vũ Văn Lặp', 'lap@example.vn', '046196005555');
    expect((await call('POST', `${http().intake}/dossiers`, first, as['counter.hue'])).status).toBe(201);
    const replay = await call('POST', `${http().intake}/dossiers`, first, as['counter.huongthuy']);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('COMMAND_ID_CONFLICT');
    expect(JSON.stringify(replay.body)).not.toMatch(/dossierCode|lookupKey|Vũ Văn Lặp/);
  });

  it("answers another officer of the same department 409 on a task command's id", async () => {
    const received = await call(
      'POST',
      `${http().intake}/dossiers`,
      household('Vũ Thị Nhận', 'nhan@example.vn', '046196006666'),
      as['counter.hue'],
    );
    const task = await taskIn(life, FINANCE, received.body.dossier.dossierId, 'officer.tckh.hue');
    const commandId = randomUUID();
    const url = `${http().department}/tasks/${task.taskId}/claim`;
    expect((await call('POST', url, { commandId }, as['officer.tckh.hue'])).status).toBe(200);
    const replay = await call('POST', url, { commandId }, as['head.tckh.hue']);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('COMMAND_ID_CONFLICT');
  });
});

describe('forged tokens, over HTTP and gRPC', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const sysadmin = { sub: 'sysadmin', role: 'system_admin', iss: 'motcua', aud: 'motcua' };
  async function forgeries(): Promise<Record<string, string>> {
    const now = Math.floor(Date.now() / 1000);
    const counterToken = as['counter.hue']?.authorization?.slice('Bearer '.length) ?? '';
    const [header, payload, signature] = counterToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const otherKey = new Tokens({ secret: randomBytes(32).toString('base64url') });
    const published = new Tokens({ secret: DEVELOPMENT_JWT_SECRET });
    return {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...sysadmin, iat: now, exp: now + 600 })}.`,
      'edited claims': `${header}.${b64({ ...claims, role: 'system_admin', centerId: undefined })}.${signature}`,
      'another key': (await otherKey.issue({ userId: 'sysadmin', role: 'system_admin' })).accessToken,
      expired: (await published.issue({ userId: 'sysadmin', role: 'system_admin' }, new Date(0))).accessToken,
    };
  }

  it('answers each forgery 401 UNAUTHENTICATED on every service', async () => {
    const urls = [
      `${http().intake}/dossiers/${dossier.dossierCode}`,
      `${http().routing}/dossiers/${dossier.dossierId}/route`,
      `${http().department}/departments/${FINANCE}/queue`,
      `${http().notification}/dossiers/${dossier.dossierId}/messages`,
      `${http().monitoring}/board/workload`,
    ];
    for (const [name, token] of Object.entries(await forgeries())) {
      for (const url of urls) {
        const r = await call('GET', url, undefined, { authorization: `Bearer ${token}` });
        expect({ name, url, status: r.status, code: r.body.error?.code }).toEqual({
          name,
          url,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    }
  });

  it('answers each forgery UNAUTHENTICATED over gRPC', async () => {
    const audit = createClient(AuditServiceClient, life.system.grpc.monitoring);
    const ref = { ref: { $case: 'dossierCode' as const, value: dossier.dossierCode as string } };
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'OK',
        (err) => (isDomainError(err) ? err.code : String(err)),
      );
    try {
      for (const [name, token] of Object.entries(await forgeries())) {
        const metadata = { authorization: `Bearer ${token}` };
        expect({ name, got: await outcome(audit.call('getTimeline', ref, { metadata })) }).toEqual({
          name,
          got: 'UNAUTHENTICATED',
        });
      }
      expect(await outcome(audit.call('getTimeline', ref, { metadata: as.board! }))).toBe('OK');
    } finally {
      audit.close();
    }
  });
});
