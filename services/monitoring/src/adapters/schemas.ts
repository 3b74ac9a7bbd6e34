/** A dossier named by its id or its code: the path parameter of every per-dossier audit route. */
export const dossierRefParams = {
  type: 'object',
  required: ['ref'],
  properties: { ref: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;
