import { type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation } from './router';
import type { PageRoute } from './routes';
import { useSession } from './session';
import { type ThemePreference, useTheme } from './theme';

const groups: NonNullable<PageRoute['nav']>[] = ['Setup', 'Observe', 'Tools'];
const themeOrder: ThemePreference[] = ['system', 'light', 'dark'];
const themeLabel: Record<ThemePreference, string> = {
  system: 'Theme: system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

/** The shell: side navigation (a menu button on phones), theme switch, logout, and the page. */
export function Layout({ routes, children }: { routes: PageRoute[]; children: ReactNode }) {
  const { pathname } = useLocation();
  const { init, logout } = useSession();
  const [theme, setTheme] = useTheme();
  const [menuOpen, setMenuOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing the phone menu on every navigation is the point
  useEffect(() => setMenuOpen(false), [pathname]);
  const current = (path: string) =>
    path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);

  return (
    <div className={`shell${menuOpen ? ' shell-menu-open' : ''}`}>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-label="Menu"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          ☰
        </button>
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          OmniRoute
        </Link>
      </header>
      <nav className="sidebar" aria-label="Main">
        <Link to="/" className="brand brand-sidebar">
          <span className="brand-mark" aria-hidden="true" />
          OmniRoute
        </Link>
        {groups.map((group) => (
          <div key={group} className="nav-group">
            <div className="nav-group-title">{group}</div>
            {routes
              .filter((route) => route.nav === group)
              .map((route) => (
                <Link
                  key={route.path}
                  to={route.path}
                  className={current(route.path) ? 'nav-link nav-link-active' : 'nav-link'}
                  aria-current={current(route.path) ? 'page' : undefined}
                >
                  {route.title}
                </Link>
              ))}
          </div>
        ))}
        <div className="sidebar-footer">
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => setTheme(themeOrder[(themeOrder.indexOf(theme) + 1) % themeOrder.length] as ThemePreference)}
          >
            {themeLabel[theme]}
          </button>
          <button type="button" className="button button-ghost button-small" onClick={() => void logout()}>
            Log out
          </button>
          {init && <div className="muted small">v{init.version}</div>}
        </div>
      </nav>
      <main className="main">{children}</main>
    </div>
  );
}
