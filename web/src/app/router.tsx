import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

/** Everything the dashboard serves lives under this prefix; app paths (`/providers`) are relative to it. */
export const basePath = '/dashboard';

interface Location {
  /** The path inside the dashboard, always starting with `/` (`/` is home). */
  pathname: string;
  search: string;
}

interface RouterValue {
  location: Location;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterValue | undefined>(undefined);

function readLocation(): Location {
  const full = window.location.pathname;
  const inside = full.startsWith(basePath) ? full.slice(basePath.length) : full;
  return { pathname: inside === '' ? '/' : inside, search: window.location.search };
}

/** Turns an app path (`/keys?x=1`) into a browser URL (`/dashboard/keys?x=1`). */
export function hrefOf(to: string): string {
  return `${basePath}${to === '/' ? '/' : to}`;
}

/**
 * A tiny history router (react-router 8 needs Node 22 to install): the location lives in state, links push it,
 * back/forward pop it. Pages match by path pattern in routes.tsx.
 */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const onPop = () => setLocation(readLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    const url = hrefOf(to);
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setLocation(readLocation());
    if (!options.replace) window.scrollTo(0, 0);
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (value === undefined) throw new Error('useRouter outside RouterProvider');
  return value;
}

export const useLocation = () => useRouter().location;
export const useNavigate = () => useRouter().navigate;

/**
 * The query string as state, for filters and pagination that must survive a reload or a shared link. `set` merges
 * the given values (undefined or '' removes one) and replaces the history entry unless `push` is asked for.
 */
export function useSearchParams(): [
  URLSearchParams,
  (values: Record<string, string | undefined>, options?: { push?: boolean }) => void,
] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const set = useCallback(
    (values: Record<string, string | undefined>, options: { push?: boolean } = {}) => {
      const next = new URLSearchParams(location.search);
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined || value === '') next.delete(name);
        else next.set(name, value);
      }
      const query = next.toString();
      navigate(`${location.pathname}${query === '' ? '' : `?${query}`}`, { replace: !options.push });
    },
    [location, navigate],
  );
  return [params, set];
}

/** `/providers/:id` against `/providers/openai` → `{id: 'openai'}`; undefined when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

/** An in-app link: a real `<a href>` (open in new tab works) whose plain clicks navigate without a reload. */
export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const navigate = useNavigate();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a {...rest} href={hrefOf(to)} onClick={onClick}>
      {children}
    </a>
  );
}
