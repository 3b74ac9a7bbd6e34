import type { FastifyError, FastifyInstance } from 'fastify';

export interface Bilingual {
  vi: string;
  en: string;
}

/** `error` has the shape of @motcua/contracts' ErrorBody, so HTTP and gRPC clients read the same fields. */
export interface HttpErrorBody {
  error: { code: string; message: Bilingual; details: Record<string, unknown> };
}

/** JSON schema of every error body, for routes to declare (e.g. `response: { '4xx': errorResponseSchema }`). */
export const errorResponseSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string' },
        message: {
          type: 'object',
          required: ['vi', 'en'],
          properties: { vi: { type: 'string' }, en: { type: 'string' } },
        },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

interface DomainErrorLike {
  code: string;
  httpStatus: number;
  message: Bilingual;
  details: Record<string, unknown>;
}

const str = (v: unknown): v is string => typeof v === 'string';

/**
 * Recognizes @motcua/contracts' DomainError structurally (code + httpStatus + vi/en text), so this
 * package does not depend on its class identity (duplicated module copies, other versions).
 */
export function asDomainError(e: unknown): DomainErrorLike | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as Record<string, unknown>;
  if (!str(o.code) || typeof o.httpStatus !== 'number') return undefined;
  const texts = [o.messages, o.i18n, o.message, o].find(
    (t): t is Bilingual =>
      typeof t === 'object' && t !== null && str((t as Bilingual).vi) && str((t as Bilingual).en),
  );
  if (!texts) return undefined;
  const status =
    Number.isInteger(o.httpStatus) && o.httpStatus >= 400 && o.httpStatus <= 599 ? o.httpStatus : 500;
  const details =
    typeof o.details === 'object' && o.details !== null && !Array.isArray(o.details) ? o.details : {};
  return {
    code: o.code,
    httpStatus: status,
    message: { vi: texts.vi, en: texts.en },
    details: details as Record<string, unknown>,
  };
}

const VI_BY_KEYWORD: Record<string, string> = {
  required: 'thiếu trường bắt buộc',
  type: 'sai kiểu dữ liệu',
  format: 'sai định dạng',
  pattern: 'sai định dạng',
  enum: 'giá trị không nằm trong danh sách cho phép',
  const: 'giá trị không được phép',
  minLength: 'quá ngắn',
  maxLength: 'quá dài',
  minimum: 'nhỏ hơn giá trị tối thiểu',
  maximum: 'lớn hơn giá trị tối đa',
  minItems: 'quá ít phần tử',
  maxItems: 'quá nhiều phần tử',
  additionalProperties: 'có trường không được phép',
};

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function validationIssues(issues: AjvIssue[], where: string | undefined) {
  return issues.map((i) => {
    const missing =
      i.keyword === 'required' && str(i.params.missingProperty) ? `/${i.params.missingProperty}` : '';
    return {
      in: where ?? 'body',
      path: `${i.instancePath}${missing}` || '/',
      keyword: i.keyword,
      message: { vi: VI_BY_KEYWORD[i.keyword] ?? 'giá trị không hợp lệ', en: i.message ?? 'is invalid' },
    };
  });
}

/** Generic texts for fastify's own 4xx errors (bad JSON, wrong content type, body too large). */
const CLIENT_ERRORS: Record<number, { code: string; message: Bilingual }> = {
  400: {
    code: 'INVALID_INPUT',
    message: { vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request is malformed' },
  },
  404: { code: 'NOT_FOUND', message: { vi: 'Không tìm thấy tài nguyên', en: 'Resource not found' } },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    message: { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' },
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: { vi: 'Định dạng dữ liệu không được hỗ trợ', en: 'Unsupported content type' },
  },
};

const body = (code: string, message: Bilingual, details: Record<string, unknown> = {}): HttpErrorBody => ({
  error: { code, message, details },
});

/** The single place where thrown errors become HTTP answers. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request, reply) => {
    const domain = asDomainError(err);
    if (domain) {
      const level = domain.httpStatus >= 500 ? 'error' : 'info';
      request.log[level]({ err, code: domain.code }, 'domain error');
      // A throttled request (429) or an unavailable dependency says when to come back.
      const retryAfter = domain.details.retryAfterSeconds;
      if (typeof retryAfter === 'number' && retryAfter > 0)
        reply.header('retry-after', String(Math.ceil(retryAfter)));
      return reply.code(domain.httpStatus).send(body(domain.code, domain.message, domain.details));
    }
    const fe = err as Partial<FastifyError>;
    if (Array.isArray(fe.validation)) {
      const issues = validationIssues(fe.validation as AjvIssue[], fe.validationContext);
      request.log.info({ issues }, 'invalid input');
      // Same texts as the contracts' INVALID_INPUT; `issues` lists every bad field.
      return reply
        .code(400)
        .send(body('INVALID_INPUT', { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' }, { issues }));
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) {
      const known = CLIENT_ERRORS[status];
      request.log.info({ err }, 'client error');
      // fastify's 4xx messages describe the request (e.g. a JSON syntax error), not server internals.
      const reason = str(fe.message) ? { reason: fe.message } : undefined;
      return reply
        .code(status)
        .send(body(known?.code ?? 'BAD_REQUEST', known?.message ?? CLIENT_ERRORS[400]!.message, reason));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', { vi: 'Lỗi hệ thống', en: 'Internal error' }));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    reply.code(404).send(
      body(
        'NOT_FOUND',
        {
          vi: `Không tìm thấy đường dẫn ${request.method} ${path}`,
          en: `Route ${request.method} ${path} not found`,
        },
        { method: request.method, path },
      ),
    );
  });
}
