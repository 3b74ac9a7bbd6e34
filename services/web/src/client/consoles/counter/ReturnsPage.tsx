import { get } from '../../core/api.js';
import { dossierWords, wordOr } from '../../core/dossier-words.js';
import { formatDateTime } from '../../core/format.js';
import { useLang, useT } from '../../core/i18n.js';
import { Link } from '../../core/router.js';
import { session } from '../../core/session.js';
import { Loaded, PageTitle, useAsync } from '../../core/ui.js';
import { words } from './i18n.js';

interface WaitingResult {
  dossierId: string;
  dossierCode: string;
  procedureName: string;
  applicantFullName: string;
  outcome: string;
  resultAt: string;
  appointmentAt?: string;
}

/** The results at this center's counter waiting for their applicants, oldest first (intake's list). */
export function ReturnsPage() {
  const t = useT(words);
  const w = useT(dossierWords);
  const lang = useLang();
  const centerId = session.current()?.user.centerId ?? '';
  const state = useAsync(
    () => get<WaitingResult[]>('intake', `/centers/${encodeURIComponent(centerId)}/results-to-return`),
    [centerId],
  );
  return (
    <section>
      <PageTitle>{t('returnsTitle')}</PageTitle>
      <Loaded state={state}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('returnsNone')}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="returns">
                <thead>
                  <tr>
                    <th scope="col">{w('dossierCode')}</th>
                    <th scope="col">{w('applicant')}</th>
                    <th scope="col">{w('procedure')}</th>
                    <th scope="col">{t('resultAt')}</th>
                    <th scope="col">{w('appointmentAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.dossierId}>
                      <td>
                        <Link href={`/counter/dossiers/${r.dossierId}`}>{r.dossierCode}</Link>
                      </td>
                      <td>{r.applicantFullName}</td>
                      <td>
                        {r.procedureName}
                        <div class="muted">
                          {wordOr(dossierWords[lang], `outcome.${r.outcome}`, r.outcome)}
                        </div>
                      </td>
                      <td>{formatDateTime(r.resultAt, lang)}</td>
                      <td>{formatDateTime(r.appointmentAt, lang)}</td>
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
