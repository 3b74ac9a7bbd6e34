/**
 * DomainError ⇄ gRPC status. The stable code travels in trailing metadata (`motcua-error-code`, ASCII)
 * and the whole body, Vietnamese included, as JSON in `motcua-error-bin` (binary: metadata text
 * values must be ASCII).
 */
import * as grpc from '@grpc/grpc-js';
import { DomainError, type ErrorBody, type ErrorKind, isDomainError } from '@motcua/contracts';

export const ERROR_CODE_KEY = 'motcua-error-code';
export const ERROR_BODY_KEY = 'motcua-error-bin';

const STATUS_BY_KIND: Readonly<Record<ErrorKind, grpc.status>> = {
  invalid_input: grpc.status.INVALID_ARGUMENT,
  unauthenticated: grpc.status.UNAUTHENTICATED,
  permission_denied: grpc.status.PERMISSION_DENIED,
  not_found: grpc.status.NOT_FOUND,
  conflict: grpc.status.ABORTED,
  failed_precondition: grpc.status.FAILED_PRECONDITION,
  unavailable: grpc.status.UNAVAILABLE,
  internal: grpc.status.INTERNAL,
};

/** What a unary callback accepts as its error, with the fields always set. */
export type GrpcError = grpc.ServerErrorResponse & {
  code: grpc.status;
  details: string;
  metadata: grpc.Metadata;
};

export function grpcStatusOf(kind: ErrorKind): grpc.status {
  return STATUS_BY_KIND[kind];
}

/** Any thrown value → a gRPC error. Non-domain errors become INTERNAL without their message. */
export function toGrpcError(err: unknown): GrpcError {
  const domain = isDomainError(err) ? err : new DomainError('INTERNAL', { cause: err });
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_CODE_KEY, domain.code);
  metadata.set(
    ERROR_BODY_KEY,
    Buffer.from(JSON.stringify({ ...domain.toJSON(), kind: domain.kind }), 'utf8'),
  );
  const code = STATUS_BY_KIND[domain.kind];
  return Object.assign(new Error(domain.messages.en), { code, details: domain.messages.en, metadata });
}

interface WireBody extends ErrorBody {
  kind: ErrorKind;
}

function isServiceError(err: unknown): err is grpc.ServiceError {
  return err instanceof Error && typeof (err as Partial<grpc.ServiceError>).code === 'number';
}

function readBody(metadata: grpc.Metadata | undefined): WireBody | undefined {
  const raw = metadata?.get(ERROR_BODY_KEY)[0];
  if (raw === undefined) return undefined;
  try {
    const body = JSON.parse(raw.toString()) as Partial<WireBody>;
    return typeof body.code === 'string' && body.kind && body.message ? (body as WireBody) : undefined;
  } catch {
    return undefined;
  }
}

// For statuses raised by gRPC itself or by servers outside this project (no metadata).
function codeForStatus(
  status: grpc.status,
): 'UNAVAILABLE' | 'NOT_FOUND' | 'INVALID_INPUT' | 'UNAUTHENTICATED' | 'PERMISSION_DENIED' | 'INTERNAL' {
  switch (status) {
    case grpc.status.UNAVAILABLE:
    case grpc.status.DEADLINE_EXCEEDED:
    case grpc.status.CANCELLED:
    case grpc.status.RESOURCE_EXHAUSTED:
      return 'UNAVAILABLE';
    case grpc.status.NOT_FOUND:
      return 'NOT_FOUND';
    case grpc.status.INVALID_ARGUMENT:
      return 'INVALID_INPUT';
    case grpc.status.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case grpc.status.PERMISSION_DENIED:
      return 'PERMISSION_DENIED';
    default:
      return 'INTERNAL';
  }
}

/** A client-side gRPC error → the DomainError the server threw (or the closest catalogue one). */
export function fromGrpcError(err: unknown): DomainError {
  if (isDomainError(err)) return err;
  if (!isServiceError(err)) return new DomainError('INTERNAL', { cause: err });
  const body = readBody(err.metadata);
  if (body) {
    return new DomainError(body.code, {
      kind: body.kind,
      messages: body.message,
      details: body.details ?? {},
      cause: err,
    });
  }
  return new DomainError(codeForStatus(err.code), {
    details: { grpcStatus: grpc.status[err.code], grpcDetails: err.details },
    cause: err,
  });
}
