import type { Readable } from 'node:stream';

/** Set by the launcher (`./motcua up`, the test harness) on the processes it starts with a stdin pipe. */
export const STOP_WITH_LAUNCHER = 'MOTCUA_STOP_WITH_LAUNCHER';

/**
 * A process the launcher started stops when the launcher is gone, even killed outright (SIGKILL
 * runs no handler in the launcher): the launcher holds the other end of this process's stdin, and
 * the kernel closes it when the launcher dies. Without the launcher's flag, nothing is watched.
 * Returns whether it watches.
 */
export function stopWhenLauncherGone(
  stop: (reason: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  stdin: Readable = process.stdin,
): boolean {
  if (env[STOP_WITH_LAUNCHER] !== '1') return false;
  let stopped = false;
  const gone = () => {
    if (stopped) return;
    stopped = true;
    stop('launcher gone: its end of stdin closed');
  };
  stdin.on('end', gone);
  stdin.on('close', gone);
  // a broken pipe is the launcher gone too; never an uncaught error
  stdin.on('error', gone);
  stdin.resume();
  return true;
}
