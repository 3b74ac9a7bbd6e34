import { routeOf } from '../../core/router.js';
import { SubNav } from '../../core/SubNav.js';
import type { ConsoleProps } from '../registry.js';
import { words } from './i18n.js';
import { QueuePage } from './QueuePage.js';
import { TaskPage } from './TaskPage.js';
import { FILTERS, type QueueFilter } from './tasks.js';

/** The department officer's and head's console: the department's work queue and each task. */
export function DepartmentConsole({ path, query }: ConsoleProps) {
  const asked = query.get('filter') as QueueFilter | null;
  const filter: QueueFilter = asked && FILTERS.includes(asked) ? asked : 'all';
  const page = routeOf(path, [['/tasks/:taskId', (p) => <TaskPage taskId={p.taskId!} />]], () => (
    <QueuePage filter={filter} />
  ));
  return (
    <>
      <SubNav
        dict={words}
        label="title"
        base="/department"
        path={path}
        items={[{ href: '/', label: 'navQueue', also: ['/tasks'] }]}
      />
      {page}
    </>
  );
}
