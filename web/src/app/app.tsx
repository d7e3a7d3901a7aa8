import { lazy, Suspense } from 'react';
import { PageHeader } from '../ui/card';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { ToastProvider } from '../ui/toast';
import { Layout } from './layout';
import { Link, matchPath, RouterProvider, useLocation } from './router';
import { routes } from './routes';
import { SessionProvider, useSession } from './session';

const LoginPage = lazy(() => import('../features/login/login-page'));
const OnboardingPage = lazy(() => import('../features/onboarding/onboarding-page'));

function NotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <EmptyState title="There is no page at this address." action={<Link to="/">Go home</Link>} />
    </>
  );
}

/** Chooses what to show: onboarding before a password exists, the login page, or the requested page. */
function Screens() {
  const { status, error, refresh } = useSession();
  const { pathname } = useLocation();
  if (status === 'checking') return <Loading label="Connecting to OmniRoute…" />;
  if (status === 'unreachable')
    return (
      <div className="standalone">
        <ErrorState title="The gateway does not answer" error={error} onRetry={() => void refresh()} />
      </div>
    );
  if (status === 'needs-setup') return <OnboardingPage />;
  if (status === 'logged-out') return <LoginPage />;
  if (pathname === '/welcome') return <OnboardingPage />;
  const route = routes.find((candidate) => matchPath(candidate.path, pathname) !== undefined);
  document.title = `${route?.title ?? 'Not found'} · OmniRoute`;
  const Page = route?.component ?? NotFound;
  return (
    <Layout routes={routes}>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <ToastProvider>
      <RouterProvider>
        <SessionProvider>
          <Suspense fallback={<Loading />}>
            <Screens />
          </Suspense>
        </SessionProvider>
      </RouterProvider>
    </ToastProvider>
  );
}
