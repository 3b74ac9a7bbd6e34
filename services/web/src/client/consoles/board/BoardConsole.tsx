import type { ConsoleProps } from '../registry.js';

/** Placeholder until part B (department officer / supervision board) fills this console in. */
export function BoardConsole(_props: ConsoleProps) {
  return <h1>Board</h1>;
}
