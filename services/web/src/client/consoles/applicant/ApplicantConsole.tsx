import { routeOf } from '../../core/router.js';
import { SubNav } from '../../core/SubNav.js';
import { session } from '../../core/session.js';
import type { ConsoleProps } from '../registry.js';
import { CatalogueList, ProcedureDetails } from './Catalogue.js';
import { words } from './i18n.js';
import { DossierView, LookupForm } from './Lookup.js';
import { SubmitOnline } from './SubmitOnline.js';

/** The applicant portal: public catalogue, online submission, look-up with the receipt's key. */
export function ApplicantConsole({ path, query }: ConsoleProps) {
  const own = session.current()?.dossierCode;
  const page = routeOf(
    path,
    [
      ['/procedures/:code', (p) => <ProcedureDetails code={p.code!} />],
      ['/dossiers/:code', (p) => <DossierView code={p.code!} />],
      ['/lookup', () => <LookupForm initialCode={query.get('code') ?? undefined} />],
      ['/submit', () => <SubmitOnline procedureCode={query.get('procedure') ?? undefined} />],
    ],
    () => <CatalogueList query={query} />,
  );
  return (
    <>
      <SubNav
        dict={words}
        label="title"
        base="/applicant"
        path={path}
        items={[
          { href: '/procedures', label: 'navCatalogue', also: ['/'] },
          {
            href: own ? `/dossiers/${encodeURIComponent(own)}` : '/lookup',
            label: 'navLookup',
            also: ['/lookup'],
          },
          { href: '/submit', label: 'navSubmit' },
        ]}
      />
      {page}
    </>
  );
}
