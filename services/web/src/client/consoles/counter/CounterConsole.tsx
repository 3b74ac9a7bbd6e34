import type { ConsoleProps } from '../registry.js';

export function CounterConsole(_props: ConsoleProps) {
  return <h1>Counter</h1>;
}
