import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeIn,
  household,
  type Lifecycle,
  startLifecycle,
  taskIn,
  timelineWith,
} from './lifecycle-harness.js';
import { call, type Json } from './session.js';

// Dossiers received on each side of 1 July 2025 (Decree 61/2018 → Decree 118/2025), walked on real
// Kafka and the MongoDB-wire server with the services' clocks moved by the test. The receiving center
// is Huế's 2018 city center: the 2025 organisation (issue 15, part 2) decides which unit takes over.
const FINANCE = 'hue-city.finance-planning';
const LEADERSHIP = 'hue-city.leadership';
let life: Lifecycle;

beforeAll(async () => {
  life = await startLifecycle(19_700);
});
afterAll(async () => life?.stop());

async function receive(body: object): Promise<Json> {
  const r = await call('POST', `${life.system.http.intake}/dossiers`, body, await life.as('counter.hue'));
  expect(r.status).toBe(201);
  return r.body.dossier;
}

const stopOnRequest = async (dossierId: string) =>
  call(
    'POST',
    `${life.system.http.routing}/dossiers/${dossierId}/stop-on-request`,
    { commandId: randomUUID(), reason: 'Người nộp đề nghị dừng giải quyết' },
    await life.as('head.tckh.hue'),
  );

const rulebooksOf = (timeline: Json): string[] => [
  ...new Set<string>(timeline.entries.map((e: Json) => e.rulebookId ?? '(none)')),
];

describe('the rules of the reception day, kept for the whole life of a dossier', () => {
  it('a dossier received on 30 June 2025 follows Decree 61/2018 to its end in July, and cannot be stopped on request', async () => {
    await life.setClock('2025-06-30T16:30');
    const dossier = await receive(household('Hồ Văn Sáu Ba', 'saumuoi@example.vn', '046190006301'));
    await life.setClock('2025-07-02T09:00');
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const refused = await stopOnRequest(dossier.dossierId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.rule).toBe('routing.stop-on-request-under-rulebook');
    await completeIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    await completeIn(life, LEADERSHIP, dossier.dossierId, 'leader.hue');
    const timeline = await timelineWith(life, dossier.dossierId, 'DossierProcessingCompleted');
    // Every event of intake, routing and the department, each on its own stream, records the same rulebook.
    const producers = new Set(timeline.entries.map((e: Json) => e.producer));
    for (const producer of ['intake', 'routing', 'department']) expect(producers).toContain(producer);
    expect(rulebooksOf(timeline)).toEqual(['decree-61-2018']);
  });

  it('a dossier received on 2 July 2025 follows Decree 118/2025: the applicant may stop it before a result', async () => {
    await life.setClock('2025-07-02T10:00');
    const dossier = await receive(household('Hồ Thị Bảy Một', 'baymot@example.vn', '046190007011'));
    await taskIn(life, FINANCE, dossier.dossierId, 'officer.tckh.hue');
    const stopped = await stopOnRequest(dossier.dossierId);
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe('stopped');
    const timeline = await timelineWith(life, dossier.dossierId, 'TaskClosed');
    const stop = timeline.entries.find((e: Json) => e.type === 'DossierProcessingStopped');
    expect(stop.payload).toMatchObject({
      onApplicantRequest: true,
      // Before Circular 03/2025 (15 September 2025) there was no model stop notice.
      stopNotice: 'Thông báo dừng giải quyết hồ sơ',
      legalBasis: 'Nghị định 118/2025/NĐ-CP, Điều 21',
    });
    expect(rulebooksOf(timeline)).toEqual(['decree-118-2025-before-circular-03']);
  });
});
