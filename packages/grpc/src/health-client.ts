import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

type HealthClient = grpc.Client & {
  check(
    req: { service: string },
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    cb: (err: grpc.ServiceError | null, res: { status: string }) => void,
  ): void;
};
const HealthClientCtor = grpc.makeGenericClientConstructor(healthService, 'Health');

/** Asks a server's standard health service (grpc.health.v1) for the status of one service or ''. */
export function checkHealth(address: string, service = '', deadlineMs = 3000): Promise<string> {
  const client = new HealthClientCtor(address, grpc.credentials.createInsecure()) as unknown as HealthClient;
  return new Promise((resolve, reject) =>
    client.check({ service }, new grpc.Metadata(), { deadline: Date.now() + deadlineMs }, (err, res) => {
      client.close();
      return err ? reject(err) : resolve(res.status);
    }),
  );
}
