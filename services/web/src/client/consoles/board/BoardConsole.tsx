import { routeOf } from '../../core/router.js';
import { SubNav } from '../../core/SubNav.js';
import type { ConsoleProps } from '../registry.js';
import { DashboardPage } from './DashboardPage.js';
import { DossierAuditPage, DossierSearch } from './DossierAuditPage.js';
import { words } from './i18n.js';
import { ReportPage } from './ReportPage.js';

/** The supervision board: dashboards, report II.06a, and any dossier's audit. */
export function BoardConsole({ path }: ConsoleProps) {
  const page = routeOf(
    path,
    [
      ['/report', () => <ReportPage />],
      ['/dossiers', () => <DossierSearch />],
      ['/dossiers/:ref', (p) => <DossierAuditPage dossierRef={p.ref!} />],
    ],
    () => <DashboardPage />,
  );
  return (
    <>
      <SubNav
        dict={words}
        label="title"
        base="/board"
        path={path}
        items={[
          { href: '/', label: 'navDashboard' },
          { href: '/report', label: 'navReport' },
          { href: '/dossiers', label: 'navDossier' },
        ]}
      />
      {page}
    </>
  );
}
