import { type ComponentType, lazy } from 'react';

export interface PageRoute {
  /** App path, may hold `:params` (matched by matchPath). */
  path: string;
  title: string;
  /** Shown in the side navigation under this group; absent: not in the nav (detail pages). */
  nav?: 'Setup' | 'Observe' | 'Tools';
  component: ComponentType;
}

/**
 * Every page of the dashboard. Pages load lazily (one chunk each), so the first paint only pays for the shell.
 * To add a page: create `features/<feature>/<feature>-page.tsx` exporting a default component, add one line here.
 */
export const routes: PageRoute[] = [
  { path: '/', title: 'Home', nav: 'Setup', component: lazy(() => import('../features/home/home-page')) },
  {
    path: '/providers',
    title: 'Providers',
    nav: 'Setup',
    component: lazy(() => import('../features/providers/providers-page')),
  },
  { path: '/combos', title: 'Combos', nav: 'Setup', component: lazy(() => import('../features/combos/combos-page')) },
  {
    path: '/aliases',
    title: 'Aliases',
    nav: 'Setup',
    component: lazy(() => import('../features/aliases/aliases-page')),
  },
  { path: '/keys', title: 'API keys', nav: 'Setup', component: lazy(() => import('../features/keys/keys-page')) },
  { path: '/usage', title: 'Usage', nav: 'Observe', component: lazy(() => import('../features/usage/usage-page')) },
  { path: '/logs', title: 'Request logs', nav: 'Observe', component: lazy(() => import('../features/logs/logs-page')) },
  { path: '/health', title: 'Health', nav: 'Observe', component: lazy(() => import('../features/health/health-page')) },
  { path: '/evals', title: 'Evals', nav: 'Tools', component: lazy(() => import('../features/evals/evals-page')) },
  {
    path: '/playground',
    title: 'Playground',
    nav: 'Tools',
    component: lazy(() => import('../features/playground/playground-page')),
  },
  {
    path: '/cli-tools',
    title: 'CLI tools',
    nav: 'Tools',
    component: lazy(() => import('../features/cli-tools/cli-tools-page')),
  },
  {
    path: '/settings',
    title: 'Settings',
    nav: 'Tools',
    component: lazy(() => import('../features/settings/settings-page')),
  },
];
