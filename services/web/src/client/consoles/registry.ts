// The consoles of the web app. Adding one = a folder under consoles/ and one entry here: the shell
// shows it in the navigation to the roles listed (the services enforce the same roles anyway).
import type { FunctionComponent } from 'preact';
import type { Bilingual } from '../core/api.js';
import { ApplicantConsole } from './applicant/ApplicantConsole.js';
import { BoardConsole } from './board/BoardConsole.js';
import { CounterConsole } from './counter/CounterConsole.js';
import { DepartmentConsole } from './department/DepartmentConsole.js';

export interface ConsoleProps {
  /** The path below the console's own prefix, e.g. '/dossiers/abc' for '/counter/dossiers/abc'. */
  path: string;
  query: URLSearchParams;
}

export interface ConsoleDef {
  id: string;
  /** Its pages live under /<id>/. */
  title: Bilingual;
  /** Officer roles that may open it; 'public' needs no officer login (the applicant portal). */
  roles: readonly string[] | 'public';
  component: FunctionComponent<ConsoleProps>;
}

export const CONSOLES: readonly ConsoleDef[] = [
  {
    id: 'applicant',
    title: { vi: 'Cổng công dân', en: 'Applicant portal' },
    roles: 'public',
    component: ApplicantConsole,
  },
  {
    id: 'counter',
    title: { vi: 'Bộ phận Một cửa', en: 'Counter' },
    roles: ['counter_officer'],
    component: CounterConsole,
  },
  {
    id: 'department',
    title: { vi: 'Phòng chuyên môn', en: 'Department' },
    roles: ['department_officer', 'department_head', 'district_leader'],
    component: DepartmentConsole,
  },
  {
    id: 'board',
    title: { vi: 'Giám sát', en: 'Supervision board' },
    roles: ['supervision_board', 'system_admin', 'center_admin', 'district_leader'],
    component: BoardConsole,
  },
];

export const mayOpen = (c: ConsoleDef, role: string | undefined): boolean =>
  c.roles === 'public' || (role !== undefined && c.roles.includes(role));

/** Where an officer lands after login: the first console their role opens. */
export const homeOf = (role: string): string => {
  const c = CONSOLES.find((x) => x.roles !== 'public' && x.roles.includes(role));
  return c ? `/${c.id}` : '/';
};
