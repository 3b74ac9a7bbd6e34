/**
 * Domain errors with stable codes. HTTP and gRPC layers map them through `kind`, so a service can add
 * its own code without touching either mapping.
 */

/** Transport-neutral class of an error; HTTP status and gRPC status derive from it. */
export type ErrorKind =
  | 'invalid_input'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'failed_precondition'
  | 'unavailable'
  | 'internal';

export interface BilingualMessage {
  /** Vietnamese, shown to users. */
  vi: string;
  /** English, for logs and developers. */
  en: string;
}

export interface ErrorSpec extends BilingualMessage {
  kind: ErrorKind;
}

export const HTTP_STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  conflict: 409,
  failed_precondition: 409,
  unavailable: 503,
  internal: 500,
};

/** Common errors. Codes are API: never rename one, add a new one instead. */
export const ERROR_CATALOGUE = {
  INVALID_INPUT: { kind: 'invalid_input', vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  UNAUTHENTICATED: { kind: 'unauthenticated', vi: 'Vui lòng đăng nhập', en: 'Authentication required' },
  PERMISSION_DENIED: {
    kind: 'permission_denied',
    vi: 'Bạn không có quyền thực hiện thao tác này',
    en: 'You are not allowed to perform this action',
  },
  NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy dữ liệu', en: 'Not found' },
  DOSSIER_NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' },
  PROCEDURE_NOT_FOUND: {
    kind: 'not_found',
    vi: 'Không tìm thấy thủ tục hành chính',
    en: 'Procedure not found',
  },
  TASK_NOT_FOUND: { kind: 'not_found', vi: 'Không tìm thấy công việc', en: 'Task not found' },
  VERSION_CONFLICT: {
    kind: 'conflict',
    vi: 'Dữ liệu đã được thay đổi bởi một thao tác khác, vui lòng thử lại',
    en: 'The record was changed by another operation; retry',
  },
  FORBIDDEN_TRANSITION: {
    kind: 'failed_precondition',
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ',
    en: "This action is not allowed in the dossier's current state",
  },
  POISON_MESSAGE: {
    kind: 'invalid_input',
    vi: 'Sự kiện không hợp lệ, không thể xử lý',
    en: 'Malformed event; it cannot be processed',
  },
  INVALID_EVENT: {
    kind: 'internal',
    vi: 'Sự kiện vi phạm lược đồ, không được ghi nhận',
    en: 'Event does not match its schema; not recorded',
  },
  UNAVAILABLE: {
    kind: 'unavailable',
    vi: 'Dịch vụ tạm thời không khả dụng, vui lòng thử lại sau',
    en: 'Service temporarily unavailable; retry later',
  },
  INTERNAL: { kind: 'internal', vi: 'Lỗi hệ thống', en: 'Internal error' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface DomainErrorOptions {
  /** Overrides the catalogue's messages, e.g. to name the dossier. */
  messages?: Partial<BilingualMessage>;
  /** Structured, non-sensitive context (field issues, ids); sent to clients. */
  details?: Record<string, unknown>;
  cause?: unknown;
  /** Overrides the status derived from `kind`. */
  httpStatus?: number;
}

/** Options for a code outside the catalogue: its kind and messages are required. */
export interface CustomErrorOptions extends DomainErrorOptions {
  kind: ErrorKind;
  messages: BilingualMessage;
}

/** JSON body both transports send. */
export interface ErrorBody {
  code: string;
  message: BilingualMessage;
  details: Record<string, unknown>;
}

export function isCatalogued(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: string;
  readonly kind: ErrorKind;
  readonly httpStatus: number;
  readonly messages: BilingualMessage;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, options?: DomainErrorOptions);
  constructor(code: string, options: CustomErrorOptions);
  constructor(code: string, options: DomainErrorOptions & { kind?: ErrorKind } = {}) {
    const spec: Partial<ErrorSpec> = isCatalogued(code) ? ERROR_CATALOGUE[code] : {};
    const kind = options.kind ?? spec.kind ?? 'internal';
    const messages = {
      vi: options.messages?.vi ?? spec.vi ?? ERROR_CATALOGUE.INTERNAL.vi,
      en: options.messages?.en ?? spec.en ?? ERROR_CATALOGUE.INTERNAL.en,
    };
    super(messages.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.kind = kind;
    this.httpStatus = options.httpStatus ?? HTTP_STATUS_BY_KIND[kind];
    this.messages = messages;
    this.details = options.details ?? {};
  }

  toJSON(): ErrorBody {
    return { code: this.code, message: { ...this.messages }, details: this.details };
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}

/** Passes DomainErrors through; anything else becomes INTERNAL (cause kept, message not exposed). */
export function toDomainError(err: unknown): DomainError {
  return isDomainError(err) ? err : new DomainError('INTERNAL', { cause: err });
}
