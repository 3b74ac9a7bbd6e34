import { routeOf } from '../../core/router.js';
import { SubNav } from '../../core/SubNav.js';
import { session } from '../../core/session.js';
import { useAsync } from '../../core/ui.js';
import type { ConsoleProps } from '../registry.js';
import { DossierPage } from './DossierPage.js';
import { FindPage } from './FindPage.js';
import { words } from './i18n.js';
import { OnlinePage, onlineSubmissionsOf } from './OnlinePage.js';
import { ReceivePage } from './ReceivePage.js';
import { ReturnsPage } from './ReturnsPage.js';

/** The counter (Bộ phận Một cửa): reception with receipt, online submissions, return of results. */
export function CounterConsole({ path, query }: ConsoleProps) {
  // How many online submissions wait to be checked, read again on every page of the console.
  const centerId = session.current()?.user.centerId ?? '';
  const waiting = useAsync(() => onlineSubmissionsOf(centerId), [centerId, path]);
  const page = routeOf(
    path,
    [
      ['/dossiers/:id', (p) => <DossierPage dossierId={p.id!} />],
      ['/find', () => <FindPage />],
      ['/online', () => <OnlinePage />],
      ['/returns', () => <ReturnsPage />],
    ],
    () => <ReceivePage procedureCode={query.get('procedure') ?? undefined} />,
  );
  return (
    <>
      <SubNav
        dict={words}
        label="title"
        base="/counter"
        path={path}
        items={[
          { href: '/receive', label: 'navReceive', also: ['/'] },
          waiting.data
            ? { href: '/online', label: 'navOnlineCount', params: { n: waiting.data.length } }
            : { href: '/online', label: 'navOnline' },
          { href: '/find', label: 'navFind', also: ['/dossiers'] },
          { href: '/returns', label: 'navReturns' },
        ]}
      />
      {page}
    </>
  );
}
