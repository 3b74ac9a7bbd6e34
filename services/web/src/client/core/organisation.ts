import { createDirectory, type Directory, ORGANISATIONS } from '@motcua/organisation';

let directory: Directory | undefined;

/** The organisation data the services run with: the web server names it on the page (`data-organisation`). */
export function organisation(): Directory {
  const name = globalThis.document?.documentElement.dataset.organisation ?? 'hue';
  directory ??= createDirectory(ORGANISATIONS[name] ?? ORGANISATIONS.hue!);
  return directory;
}
