import { type Dictionary, useT } from './i18n.js';
import { Link } from './router.js';

/** A console's own tabs; the current one is marked for screen readers (aria-current). */
export function SubNav<K extends string>(props: {
  dict: Dictionary<K>;
  /** The navigation's name for screen readers. */
  label: K;
  base: string;
  path: string;
  items: { href: string; label: K; also?: string[]; params?: Record<string, string | number> }[];
}) {
  const t = useT(props.dict);
  const current = (href: string, also: string[] = []) =>
    [href, ...also].some((h) => props.path === h || (h !== '/' && props.path.startsWith(`${h}/`)));
  return (
    <nav aria-label={t(props.label)} class="no-print">
      <ul class="subnav">
        {props.items.map((i) => (
          <li key={i.href}>
            <Link href={`${props.base}${i.href}`} aria-current={current(i.href, i.also) ? 'page' : undefined}>
              {t(i.label, i.params)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
