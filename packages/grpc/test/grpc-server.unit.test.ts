import * as grpc from '@grpc/grpc-js';
import {
  CatalogueServiceClient,
  CatalogueServiceService,
  DomainError,
  type Procedure,
} from '@motcua/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkHealth,
  createClient,
  defineService,
  ERROR_BODY_KEY,
  ERROR_CODE_KEY,
  type GrpcServer,
  type LoggerLike,
  startGrpcServer,
  unary,
} from '../src/index.js';

const logged: { level: string; obj: object; msg?: string }[] = [];
const logger: LoggerLike = {
  info: (obj, msg) => logged.push({ level: 'info', obj, msg }),
  warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
  error: (obj, msg) => logged.push({ level: 'error', obj, msg }),
};

const procedure: Procedure = {
  code: '1.004222',
  version: 2,
  name: 'Đăng ký biến động đất đai',
  fieldCode: 'land',
  fieldName: '',
  legalTimeLimit: { value: 10, unit: 'working_days' },
  steps: [
    {
      stepId: 's1',
      name: 'Thẩm định',
      departmentId: 'dept-land',
      departmentName: 'Phòng TN&MT',
      allottedWorkingHours: 40,
    },
  ],
};

let release: () => void = () => {};
const catalogue = defineService(CatalogueServiceService, {
  getProcedure: unary(async ({ procedureCode }) => {
    if (procedureCode === 'slow') await new Promise<void>((resolve) => (release = resolve));
    if (procedureCode === 'retired') {
      throw new DomainError('FORBIDDEN_TRANSITION', { details: { procedureCode } });
    }
    if (procedureCode === 'crash') throw new Error('database password in this message');
    return procedure;
  }, logger),
  listProcedures: unary(() => ({ procedures: [procedure] }), logger),
  computeDueTimes: unary(() => ({ appointmentAt: undefined, transferAt: undefined }), logger),
});

// defineService checks the implementation against the generated definition.
// @ts-expect-error listProcedures is missing
defineService(CatalogueServiceService, { getProcedure: unary(() => procedure) });

const servers: GrpcServer[] = [];
const start = async (shutdownTimeoutMs = 2000): Promise<GrpcServer> => {
  const server = await startGrpcServer({
    port: 0,
    host: '127.0.0.1',
    services: [catalogue],
    logger,
    shutdownTimeoutMs,
  });
  servers.push(server);
  return server;
};

const healthOf = (port: number, service: string) => checkHealth(`127.0.0.1:${port}`, service);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  logged.length = 0;
});

describe('the gRPC server', () => {
  it('binds a free port and serves a generated service', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.serviceNames).toEqual(['motcua.routing.v1.CatalogueService']);
    const client = createClient(CatalogueServiceClient, `127.0.0.1:${server.port}`);
    await expect(client.call('getProcedure', { procedureCode: '1.004222', version: 0 })).resolves.toEqual(
      procedure,
    );
    await expect(client.call('listProcedures', { fieldCode: '' })).resolves.toEqual({
      procedures: [procedure],
    });
    client.close();
  });

  it('answers the standard health service with SERVING for the server and each service', async () => {
    const server = await start();
    expect(await healthOf(server.port, '')).toBe('SERVING');
    expect(await healthOf(server.port, 'motcua.routing.v1.CatalogueService')).toBe('SERVING');
    server.setServing(false);
    expect(await healthOf(server.port, 'motcua.routing.v1.CatalogueService')).toBe('NOT_SERVING');
    await expect(healthOf(server.port, 'motcua.nope.v1.Nothing')).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
  });

  it('turns a DomainError into FAILED_PRECONDITION with the stable code readable by the client', async () => {
    const server = await start();
    const client = createClient(CatalogueServiceClient, `127.0.0.1:${server.port}`);
    const raw = await new Promise<grpc.ServiceError>((resolve) =>
      client.raw.getProcedure({ procedureCode: 'retired', version: 0 }, (err) =>
        resolve(err as grpc.ServiceError),
      ),
    );
    expect(raw.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(raw.metadata.get(ERROR_CODE_KEY)).toEqual(['FORBIDDEN_TRANSITION']);
    const body = JSON.parse(String(raw.metadata.get(ERROR_BODY_KEY)[0]));
    expect(body.message.vi).toBe('Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ');

    const rejected = await client
      .call('getProcedure', { procedureCode: 'retired', version: 0 })
      .catch((e) => e);
    expect(rejected).toBeInstanceOf(DomainError);
    expect(rejected).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      kind: 'failed_precondition',
      details: { procedureCode: 'retired' },
    });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'info', msg: 'gRPC call rejected' }));
    client.close();
  });

  it('hides unexpected errors behind INTERNAL and logs them', async () => {
    const server = await start();
    const client = createClient(CatalogueServiceClient, `127.0.0.1:${server.port}`);
    const rejected = await client
      .call('getProcedure', { procedureCode: 'crash', version: 0 })
      .catch((e) => e);
    expect(rejected).toMatchObject({ code: 'INTERNAL', message: 'Internal error' });
    expect((rejected.cause as grpc.ServiceError).code).toBe(grpc.status.INTERNAL);
    expect(JSON.stringify(rejected.toJSON())).not.toContain('password');
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', msg: 'gRPC call failed' }));
    client.close();
  });

  it('reports an unreachable server as UNAVAILABLE once the deadline passes', async () => {
    const client = createClient(CatalogueServiceClient, '127.0.0.1:1', { deadlineMs: 300 });
    const rejected = await client.call('getProcedure', { procedureCode: 'x', version: 0 }).catch((e) => e);
    expect(rejected).toMatchObject({ code: 'UNAVAILABLE', kind: 'unavailable' });
    client.close();
  });

  it('lets in-flight calls finish on stop, then refuses new ones', async () => {
    const server = await start();
    const client = createClient(CatalogueServiceClient, `127.0.0.1:${server.port}`);
    await client.ready();
    const inFlight = client.call('getProcedure', { procedureCode: 'slow', version: 0 });
    await new Promise((r) => setTimeout(r, 50));
    const stopped = server.stop();
    expect(await healthOf(server.port, '').catch(() => 'gone')).not.toBe('SERVING');
    release();
    await expect(inFlight).resolves.toEqual(procedure);
    await stopped;
    await expect(
      client.call('getProcedure', { procedureCode: '1.004222', version: 0 }, { deadlineMs: 300 }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    client.close();
  });

  it('forces shutdown when in-flight calls outlast the timeout', async () => {
    const server = await start(100);
    const client = createClient(CatalogueServiceClient, `127.0.0.1:${server.port}`);
    const inFlight = client.call('getProcedure', { procedureCode: 'slow', version: 0 }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 50));
    await server.stop();
    expect(await inFlight).toMatchObject({ code: 'UNAVAILABLE' });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'warn' }));
    release();
    client.close();
  });
});
