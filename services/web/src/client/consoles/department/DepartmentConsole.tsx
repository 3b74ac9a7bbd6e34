import type { ConsoleProps } from '../registry.js';

/** Placeholder until part B (department officer / supervision board) fills this console in. */
export function DepartmentConsole(_props: ConsoleProps) {
  return <h1>Department</h1>;
}
