import { useState } from 'preact/hooks';
import { post } from './api.js';
import { common } from './common-i18n.js';
import { useT } from './i18n.js';
import { navigate } from './router.js';
import { session, type User } from './session.js';
import { ErrorMessage, Field, PageTitle } from './ui.js';

interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  user: User;
}

/** Officers log in at intake (ADR 0008); the token goes with every call to every service. */
export function LoginPage({ next, landing }: { next?: string; landing: (role: string) => string }) {
  const t = useT(common);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const expired = session.wasExpired();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const a = await post<LoginAnswer>('intake', '/auth/login', { username: username.trim(), password });
      session.start(a.accessToken, a.user, a.expiresIn);
      navigate(next ?? landing(a.user.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow">
      <PageTitle>{t('loginTitle')}</PageTitle>
      <p class="muted">{t('loginHint')}</p>
      {expired && (
        <p class="alert alert-warn" role="status">
          {t('sessionExpired')}
        </p>
      )}
      <form onSubmit={submit}>
        <Field
          label={t('username')}
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <Field
          label={t('password')}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {t('login')}
        </button>
      </form>
    </section>
  );
}
