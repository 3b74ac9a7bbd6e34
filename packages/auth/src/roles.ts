/**
 * Who may act. Officers' roles are scoped by the `centerId`/`departmentId` of their account;
 * `system` is the role of service-to-service tokens, never of a person.
 */
export const ROLES = [
  'applicant',
  'counter_officer',
  'department_officer',
  'department_head',
  'district_leader',
  'center_admin',
  'supervision_board',
  'system_admin',
  'system',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** The roles a person can hold (accounts in intake's `users`); `system` is only for service tokens. */
export const PERSON_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'system');
