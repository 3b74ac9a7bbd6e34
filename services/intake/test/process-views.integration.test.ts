import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessViews } from '../src/adapters/process-views.js';

// Intake's view of the processing tells the applicant and the counter which unit holds the dossier:
// routing's DossierRouted adds a unit (parallel branches of a stage hold it together), the next stage
// or a return replaces them, a finished branch leaves, the end of processing clears them.

let mongo: MongoClient;
let db: Db;
beforeAll(async () => {
  mongo = await MongoClient.connect(process.env.MONGO_URL as string);
  db = mongo.db(`it_process_views_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await db?.dropDatabase();
  await mongo?.close();
});

const dossierId = randomUUID();
let version = 0;
const routing = (type: string, payload: Record<string, unknown>): RecordedEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  dossierId,
  dossierCode: 'H57.1-001',
  streamId: `routing-dossier:${dossierId}`,
  streamVersion: ++version,
  occurredAt: new Date(Date.UTC(2026, 2, 2, 2, version)).toISOString(),
  recordedAt: new Date(Date.UTC(2026, 2, 2, 2, version)).toISOString(),
  actor: { userId: 'system:routing', role: 'system' },
  causationId: randomUUID(),
  correlationId: dossierId,
  producer: 'routing',
  payload,
});
const routed = (stepId: string, departmentName: string, stage: number, extra: Record<string, unknown> = {}) =>
  routing('DossierRouted', {
    stepId,
    stepName: `Bước ${stepId}`,
    departmentId: stepId,
    departmentName,
    stage,
    ...extra,
  });

describe("intake's view of who holds a dossier", () => {
  it('follows the stages, the parallel branches, a return and the end of processing', async () => {
    const views = new ProcessViews(db);
    const units = async () => ((await views.get(dossierId))?.heldBy ?? []).map((h) => h.departmentName);
    await views.apply(routing('DossierWorkflowAssigned', { procedureCode: '2.000575' }));
    await views.apply(routed('birth', 'Phòng Tư pháp', 0));
    expect(await units()).toEqual(['Phòng Tư pháp']);
    await views.apply(routed('residence', 'Công an', 1));
    await views.apply(routed('insurance', 'Bảo hiểm xã hội', 1));
    expect(await units()).toEqual(['Công an', 'Bảo hiểm xã hội']);
    await views.apply(routing('BranchCompleted', { stepId: 'residence' }));
    expect(await units()).toEqual(['Bảo hiểm xã hội']);
    await views.apply(routed('birth', 'Phòng Tư pháp', 0, { returnedFromStepId: 'insurance' }));
    expect(await units()).toEqual(['Phòng Tư pháp']);
    await views.apply(routing('DossierProcessingCompleted', { outcome: 'approved' }));
    expect(await units()).toEqual([]);
    expect((await views.get(dossierId))?.status).toBe('completed');
  });

  it("ends as it was when routing's events come again after them (a redelivery from the last commit)", async () => {
    // another dossier's stream, versions 1–3
    const events = [
      routing('DossierWorkflowAssigned', { procedureCode: '2.000575' }),
      routed('birth', 'Phòng Tư pháp', 0),
      routed('residence', 'Công an', 1),
    ].map((e, i) => ({
      ...e,
      dossierId: 'redelivered',
      streamId: 'routing-dossier:redelivered',
      streamVersion: i + 1,
    }));
    const views = new ProcessViews(db);
    for (const e of events) await views.apply(e);
    const once = await views.get('redelivered');
    expect(once?.steps).toHaveLength(2);
    // a fresh instance, as after a restart: nothing of the last writes is cached
    const restarted = new ProcessViews(db);
    for (const e of events.slice(1)) await restarted.apply(e);
    expect(await restarted.get('redelivered')).toEqual(once);
  });
});
