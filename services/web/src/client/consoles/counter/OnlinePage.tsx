import { get } from '../../core/api.js';
import { dossierWords } from '../../core/dossier-words.js';
import { formatDateTime, formatNumber } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { Link } from '../../core/router.js';
import { session } from '../../core/session.js';
import { Loaded, PageTitle, useAsync } from '../../core/ui.js';
import { words } from './i18n.js';

interface WaitingSubmission {
  dossierId: string;
  procedureCode: string;
  procedureName: string;
  applicantFullName: string;
  submittedAt: string;
  attachedDocumentIds: string[];
  supplementRequestedAt?: string;
}

/** The online submissions at a center waiting for the counter, oldest first. */
export const onlineSubmissionsOf = (centerId: string) =>
  get<WaitingSubmission[]>('intake', `/centers/${encodeURIComponent(centerId)}/online-submissions`);

/** The online submissions at this center waiting for the counter to check them, oldest first (intake's list). */
export function OnlinePage() {
  const t = useT(words);
  const w = useT(dossierWords);
  const lang = useLang();
  const centerId = session.current()?.user.centerId ?? '';
  const state = useAsync(() => onlineSubmissionsOf(centerId), [centerId]);
  return (
    <section>
      <PageTitle>{t('onlineTitle')}</PageTitle>
      <Loaded state={state}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('onlineNone')}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="online-submissions">
                <thead>
                  <tr>
                    <th scope="col">{w('submittedAt')}</th>
                    <th scope="col">{w('applicant')}</th>
                    <th scope="col">{w('procedure')}</th>
                    <th scope="col">{t('onlineFiles')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr key={s.dossierId}>
                      <td>
                        <Link href={`/counter/dossiers/${s.dossierId}`}>
                          {formatDateTime(s.submittedAt, lang)}
                        </Link>
                      </td>
                      <td>{s.applicantFullName}</td>
                      <td>
                        {s.procedureName}
                        {s.supplementRequestedAt && <div class="muted">{t('onlineSupplementAsked')}</div>}
                      </td>
                      <td>{formatNumber(s.attachedDocumentIds.length, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
