/** A dossier named by its id or its code: the path parameter of every per-dossier audit route. */
export const dossierRefParams = {
  type: 'object',
  required: ['ref'],
  properties: { ref: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const text = { type: 'string' } as const;

/** How a period answer opens: its period, when it was read, and the center it was asked for. */
export const periodAnswerHead = { from: text, to: text, asOf: text, centerId: text } as const;

/** An answer's list with one entry per center (the board's view without a centerId). */
export function perCenterSchema<P extends Record<string, unknown>>(properties: P) {
  return {
    type: 'array',
    items: { type: 'object', properties: { centerId: text, centerName: text, ...properties } },
  } as const;
}
