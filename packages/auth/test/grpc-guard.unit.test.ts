import {
  AuditServiceClient,
  AuditServiceService,
  CatalogueServiceClient,
  CatalogueServiceService,
  isDomainError,
  type Procedure,
  type Timeline,
} from '@motcua/contracts';
import { createClient, defineService, type GrpcServer, startGrpcServer, unary } from '@motcua/grpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callActor, guardGrpcService, type Principal, ServiceToken, Tokens } from '../src/index.js';

const tokens = new Tokens({ secret: 'a-test-secret-that-is-long-enough-0123456789' });
const quiet = { info() {}, warn() {}, error() {} };
const procedure: Procedure = {
  code: '2.000575',
  version: 1,
  name: 'Đăng ký hộ kinh doanh',
  fieldCode: '',
  fieldName: '',
  steps: [],
};
const timeline: Timeline = {
  dossierId: 'd1',
  dossierCode: 'c1',
  entries: [
    {
      eventId: 'e1',
      type: 'DossierReceived',
      schemaVersion: 1,
      occurredAt: '2026-01-05T02:00:00Z',
      recordedAt: '2026-01-05T02:00:00Z',
      producer: 'intake',
      streamId: 's',
      streamVersion: 1,
      partition: 0,
      offset: 1,
      payload: { centerId: 'hue-city' },
    },
  ],
};

let server: GrpcServer;
let seenBy: Principal | undefined;
beforeAll(async () => {
  const guard = { tokens, logger: quiet };
  server = await startGrpcServer({
    port: 0,
    host: '127.0.0.1',
    logger: quiet,
    services: [
      guardGrpcService(
        defineService(CatalogueServiceService, {
          getProcedure: unary(async () => procedure),
          listProcedures: unary(async () => ({ procedures: [procedure] })),
          computeDueTimes: unary(async () => ({})),
        }),
        guard,
      ),
      guardGrpcService(
        defineService(AuditServiceService, {
          getTimeline: unary(async (_request, call) => {
            seenBy = callActor(call);
            return timeline;
          }),
          // not called here: the guard's checks are the same whatever the method
          getStateAt: unary(async () => {
            throw new Error('not called');
          }),
          verifyIntegrity: unary(async () => {
            throw new Error('not called');
          }),
          getPeriodicReport: unary(async () => {
            throw new Error('not called');
          }),
        }),
        guard,
      ),
    ],
  });
});
afterAll(() => server?.stop());

const address = () => `127.0.0.1:${server.port}`;
const bearer = async (who: Principal) => ({
  authorization: `Bearer ${(await tokens.issue(who)).accessToken}`,
});
const ref = { ref: { $case: 'dossierId' as const, value: 'd1' } };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (err) {
    return isDomainError(err) ? `${err.code}${err.details.rule ? `:${err.details.rule}` : ''}` : String(err);
  }
}

describe('the gRPC guard', () => {
  it('leaves the public catalogue open, and accepts a service token on it', async () => {
    const open = createClient(CatalogueServiceClient, address());
    expect((await open.call('getProcedure', { procedureCode: '2.000575', version: 0 })).code).toBe(
      '2.000575',
    );
    open.close();
    const service = new ServiceToken(tokens, 'intake');
    const withToken = createClient(CatalogueServiceClient, address(), {
      defaultMetadata: () => service.metadata(),
    });
    expect((await withToken.call('listProcedures', { fieldCode: '' })).procedures).toHaveLength(1);
    withToken.close();
  });

  it('refuses the audit without a token, or with a tampered one', async () => {
    const audit = createClient(AuditServiceClient, address());
    expect(await codeOf(audit.call('getTimeline', ref))).toBe('UNAUTHENTICATED');
    const { authorization } = await bearer({ userId: 'board', role: 'supervision_board' });
    expect(
      await codeOf(audit.call('getTimeline', ref, { metadata: { authorization: `${authorization}x` } })),
    ).toBe('UNAUTHENTICATED');
    audit.close();
  });

  it("lets the board and the dossier's center read the timeline, not another center", async () => {
    const hue: Principal = { userId: 'head.tckh.hue', role: 'department_head', centerId: 'hue-city' };
    const danang: Principal = { userId: 'counter.danang', role: 'counter_officer', centerId: 'da-nang' };
    const board: Principal = { userId: 'board', role: 'supervision_board' };
    const audit = createClient(AuditServiceClient, address(), { defaultMetadata: () => bearer(board) });
    expect(await codeOf(audit.call('getTimeline', ref))).toBe('OK');
    expect(seenBy).toEqual(board);
    expect(await codeOf(audit.call('getTimeline', ref, { metadata: await bearer(hue) }))).toBe('OK');
    expect(await codeOf(audit.call('getTimeline', ref, { metadata: await bearer(danang) }))).toBe(
      'PERMISSION_DENIED:auth.own-center',
    );
    // the officer appraising a dossier of the center reads its history (issue 14); an applicant does not
    const officer = { userId: 'o', role: 'department_officer', centerId: 'hue-city' };
    expect(await codeOf(audit.call('getTimeline', ref, { metadata: await bearer(officer) }))).toBe('OK');
    const applicant = {
      userId: 'applicant:046190001234',
      role: 'applicant',
      applicantId: 'applicant:046190001234',
    };
    expect(await codeOf(audit.call('getTimeline', ref, { metadata: await bearer(applicant) }))).toBe(
      'PERMISSION_DENIED:auth.role',
    );
    audit.close();
  });
});
