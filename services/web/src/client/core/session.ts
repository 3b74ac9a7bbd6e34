// Who is using the browser tab: an officer (JWT from intake's /auth/login) or an applicant (token
// from /auth/applicant with a receipt's code and key). Kept in sessionStorage: closing the tab logs out.

export interface User {
  userId: string;
  displayName: string;
  role: string;
  centerId?: string;
  departmentId?: string;
}

export interface Session {
  token: string;
  user: User;
  expiresAt: number;
  /** Set for an applicant's session: the dossier it was opened with. */
  dossierCode?: string;
}

const KEY = 'motcua.session';
type Listener = (s: Session | undefined) => void;
const listeners = new Set<Listener>();

function read(): Session | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && s.expiresAt > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

let current = read();
let expiredFlag = false;

function set(s: Session | undefined) {
  current = s;
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l(s);
}

export const session = {
  current: () => (current && current.expiresAt > Date.now() ? current : undefined),
  start(token: string, user: User, expiresInSeconds: number, dossierCode?: string) {
    expiredFlag = false;
    set({
      token,
      user,
      expiresAt: Date.now() + expiresInSeconds * 1000,
      ...(dossierCode ? { dossierCode } : {}),
    });
  },
  end() {
    set(undefined);
  },
  /** A 401 from a service: the token ran out (15 minutes); the login page says so. */
  expired() {
    if (!current) return;
    expiredFlag = true;
    set(undefined);
  },
  wasExpired: () => expiredFlag,
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
