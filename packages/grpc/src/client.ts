import * as grpc from '@grpc/grpc-js';
import { fromGrpcError } from './errors.js';

type Callback<Res> = (error: grpc.ServiceError | null, response: Res) => void;
// ts-proto declares three overloads per method; conditional types read the last, this one.
type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: Callback<Res>,
) => grpc.ClientUnaryCall;

export type UnaryMethodName<C> = {
  [K in keyof C]: C[K] extends UnaryMethod<infer _Req, infer _Res> ? K : never;
}[keyof C] &
  string;
export type RequestOf<M> = M extends UnaryMethod<infer Req, infer _Res> ? Req : never;
export type ResponseOf<M> = M extends UnaryMethod<infer _Req, infer Res> ? Res : never;

export type ClientConstructor<C extends grpc.Client> = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: Partial<grpc.ClientOptions>,
) => C;

export interface CreateClientOptions {
  /** Per-call deadline unless a call sets its own. Default 5000. */
  deadlineMs?: number;
  /** Default insecure: services talk over the internal network. */
  credentials?: grpc.ChannelCredentials;
  channelOptions?: Partial<grpc.ClientOptions>;
  /** Metadata sent with every call, under the call's own, e.g. a service's bearer token (renewed as needed). */
  defaultMetadata?: () => Promise<Record<string, string>> | Record<string, string>;
}

export interface CallOptions {
  deadlineMs?: number;
  /** e.g. traceparent, x-correlation-id. */
  metadata?: grpc.Metadata | Record<string, string>;
}

export interface PromiseClient<C extends grpc.Client> {
  /** The generated client, for streaming or anything call() does not cover. */
  readonly raw: C;
  /** Calls a unary method; rejects with the server's DomainError (see fromGrpcError). */
  call<K extends UnaryMethodName<C>>(
    method: K,
    request: RequestOf<C[K]>,
    options?: CallOptions,
  ): Promise<ResponseOf<C[K]>>;
  /** Resolves once connected; rejects after timeoutMs. */
  ready(timeoutMs?: number): Promise<void>;
  close(): void;
}

function toMetadata(input: CallOptions['metadata'], defaults: Record<string, string>): grpc.Metadata {
  const metadata = input instanceof grpc.Metadata ? input.clone() : new grpc.Metadata();
  if (!(input instanceof grpc.Metadata)) {
    for (const [key, value] of Object.entries(input ?? {})) metadata.set(key, value);
  }
  // The call's own values win; defaults only fill what it left out.
  for (const [key, value] of Object.entries(defaults)) {
    if (metadata.get(key).length === 0) metadata.set(key, value);
  }
  return metadata;
}

export function createClient<C extends grpc.Client>(
  ClientCtor: ClientConstructor<C>,
  address: string,
  options: CreateClientOptions = {},
): PromiseClient<C> {
  const { deadlineMs = 5000, credentials = grpc.credentials.createInsecure() } = options;
  const raw = new ClientCtor(address, credentials, options.channelOptions);
  return {
    raw,
    call(method, request, callOptions = {}) {
      const fn = raw[method] as UnaryMethod<typeof request, ResponseOf<C[typeof method]>>;
      const deadline = Date.now() + (callOptions.deadlineMs ?? deadlineMs);
      return Promise.resolve(options.defaultMetadata?.() ?? {}).then(
        (defaults) =>
          new Promise((resolve, reject) => {
            const metadata = toMetadata(callOptions.metadata, defaults);
            fn.call(raw, request, metadata, { deadline }, (err, response) =>
              err ? reject(fromGrpcError(err)) : resolve(response),
            );
          }),
      );
    },
    ready(timeoutMs = deadlineMs) {
      return new Promise((resolve, reject) => {
        raw.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve()));
      });
    },
    close: () => raw.close(),
  };
}
