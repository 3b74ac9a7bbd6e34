import type { ConfigOf, Spec } from './spec.js';

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown once with every bad or missing variable, so operators fix them all in one go. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.variable}: ${p.problem}`);
    super(
      [
        `Invalid configuration (${problems.length} problem(s)) / Cấu hình không hợp lệ (${problems.length} lỗi):`,
        ...lines,
      ].join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const MISSING = 'missing required variable / thiếu biến môi trường bắt buộc';

/** Reads `spec` from `env`; an empty string counts as unset so `FOO=` falls back to the default. */
export function readConfig<S extends Spec>(
  spec: S,
  env: Record<string, string | undefined> = process.env,
): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, field] of Object.entries(spec)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (field.default === undefined) problems.push({ variable: name, problem: MISSING });
      else out[name] = field.default;
      continue;
    }
    const res = field.parse(raw);
    if (res.ok) out[name] = res.value;
    else problems.push({ variable: name, problem: `${res.problem} / giá trị không hợp lệ (${field.kind})` });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}
