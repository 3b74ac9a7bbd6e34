// Path routing in the browser: the web server answers every page with the app, the app picks the
// console by the first path segment (/applicant, /counter, /department, /board) and the console the rest.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<(path: string) => void>();
const here = () => `${location.pathname}${location.search}`;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === here()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  if (!options.replace) window.scrollTo(0, 0);
  for (const l of listeners) l(here());
}

window.addEventListener('popstate', () => {
  for (const l of listeners) l(here());
});

/** The current path and query, re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [current, setCurrent] = useState(here());
  useEffect(() => {
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  const [path, search = ''] = current.split('?');
  return { path: path!, query: new URLSearchParams(search) };
}

/** Matches `/counter/dossiers/:id` against a path; the named segments, or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return undefined;
  }
  return params;
}

/** An in-app link: a real <a href> (keyboard, new tab) that navigates without reloading. */
export function Link(
  props: { href: string; children: ComponentChildren } & JSX.HTMLAttributes<HTMLAnchorElement>,
) {
  const { href, children, ...rest } = props;
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/** The page of the first pattern matching the path (`:name` segments become params), else the fallback. */
export function routeOf(
  path: string,
  routes: [pattern: string, page: (params: Record<string, string>) => ComponentChildren][],
  fallback: () => ComponentChildren,
): ComponentChildren {
  for (const [pattern, page] of routes) {
    const params = match(pattern, path);
    if (params) return page(params);
  }
  return fallback();
}
