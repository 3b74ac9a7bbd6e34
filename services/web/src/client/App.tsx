import { useEffect, useState } from 'preact/hooks';
import { CONSOLES, homeOf, mayOpen } from './consoles/registry.js';
import { common } from './core/common-i18n.js';
import { pick, setLang, useLang, useT } from './core/i18n.js';
import { LoginPage } from './core/LoginPage.js';
import { Link, navigate, useLocation } from './core/router.js';
import { type Session, session } from './core/session.js';
import { PageTitle } from './core/ui.js';

function useSession(): Session | undefined {
  const [s, setS] = useState(session.current());
  useEffect(() => session.subscribe(setS), []);
  return s;
}

/** The shell: header (consoles the role may open, language, user), then the console of the path. */
export function App() {
  const t = useT(common);
  const lang = useLang();
  const { path, query } = useLocation();
  const s = useSession();
  const officerRole = s && !s.dossierCode ? s.user.role : undefined;
  const [, consoleId = '', ...rest] = path.split('/');
  const current = CONSOLES.find((c) => c.id === consoleId);
  const visible = CONSOLES.filter((c) => mayOpen(c, officerRole));

  let main: preact.ComponentChildren;
  if (path === '/login') {
    main = <LoginPage next={query.get('next') ?? undefined} landing={homeOf} />;
  } else if (!current) {
    main =
      path === '/' ? (
        <section>
          <PageTitle>{t('homeTitle')}</PageTitle>
          <p>{t('homeIntro')}</p>
          <ul class="tiles">
            {visible.map((c) => (
              <li key={c.id}>
                <Link href={`/${c.id}`}>{pick(c.title, lang)}</Link>
              </li>
            ))}
            {!officerRole && (
              <li>
                <Link href="/login">{t('loginTitle')}</Link>
              </li>
            )}
          </ul>
        </section>
      ) : (
        <PageTitle>{t('notFound')}</PageTitle>
      );
  } else if (!mayOpen(current, officerRole)) {
    main = officerRole ? (
      <p class="alert alert-error" role="alert">
        {t('notAllowed')}
      </p>
    ) : (
      <LoginPage next={path} landing={homeOf} />
    );
  } else {
    const Console = current.component;
    main = <Console path={`/${rest.join('/')}`} query={query} />;
  }

  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="topbar">
        <Link href="/" class="brand">
          <span aria-hidden="true">◆</span> {t('appName')} <small>{t('centerName')}</small>
        </Link>
        <nav aria-label={t('consoles')}>
          <ul>
            {visible.map((c) => (
              <li key={c.id}>
                <Link href={`/${c.id}`} aria-current={c.id === consoleId ? 'page' : undefined}>
                  {pick(c.title, lang)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="tools">
          <button
            type="button"
            class="link"
            lang={lang === 'vi' ? 'en' : 'vi'}
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
          >
            {lang === 'vi' ? t('switchToEnglish') : t('switchToVietnamese')}
          </button>
          {officerRole ? (
            <>
              <span class="user">{t('loggedInAs', { name: s!.user.displayName })}</span>
              <button
                type="button"
                class="link"
                onClick={() => {
                  session.end();
                  navigate('/');
                }}
              >
                {t('logout')}
              </button>
            </>
          ) : (
            <Link href="/login">{t('login')}</Link>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {main}
      </main>
    </>
  );
}
