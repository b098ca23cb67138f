/** Entry: antd in Chinese, TanStack Query, the router with one lazily loaded chunk per page. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense, type ComponentType, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import type { Permission } from '../../src/domain/permissions.js';
import { ApiError } from './api';
import { AuthProvider, sessionQuery, useAuth } from './auth';
import { AppLayout } from './layout';
import { statisticsQuery } from './hooks';

dayjs.locale('zh-cn');

const page = <K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const loadOverview = () => import('./pages/overview');
const OverviewPage = page(loadOverview, 'OverviewPage');
const LoginPage = page(() => import('./pages/login'), 'LoginPage');
const PasswordPage = page(() => import('./pages/password'), 'PasswordPage');
const InstitutionsPage = page(() => import('./pages/institutions'), 'InstitutionsPage');
const PeoplePage = page(() => import('./pages/people'), 'PeoplePage');
const DutiesPage = page(() => import('./pages/duties'), 'DutiesPage');
const DiagnosticsPage = page(() => import('./pages/diagnostics'), 'DiagnosticsPage');
const ImportPage = page(() => import('./pages/imports'), 'ImportPage');
const AdjustmentsPage = page(() => import('./pages/adjustments'), 'AdjustmentsPage');
const ScenariosPage = page(() => import('./pages/scenarios'), 'ScenariosPage');
const UsersPage = page(() => import('./pages/users'), 'UsersPage');
const StaffingPage = page(() => import('./pages/staffing'), 'StaffingPage');
const AuditPage = page(() => import('./pages/audit'), 'AuditPage');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 1,
      refetchOnWindowFocus: false,
    },
  },
});

// Start the session request now rather than after the first render (mounting antd's theme takes a while). 总览 is the
// usual landing page: fetch its code and its figures alongside, rather than one after the other once the session is
// known. A 401/403 here is harmless: the shell and the guard decide what is shown.
void queryClient.prefetchQuery(sessionQuery);
if (location.pathname === '/overview') {
  void loadOverview();
  void queryClient.prefetchQuery(statisticsQuery(new URLSearchParams(location.search).get('asOf') ?? undefined));
}

const loading = (
  <div style={{ padding: 80, textAlign: 'center' }}>
    <Spin size="large" />
  </div>
);

function Guard({ needs, children }: { needs: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(needs)) return <Result status="403" title="无权访问" subTitle="您的角色没有使用此功能的权限。" />;
  return <>{children}</>;
}

function Home() {
  const { me, can } = useAuth();
  if (can('readDistrict')) return <Navigate to="/overview" replace />;
  if (me?.user.institutionId) return <Navigate to={`/institutions/${me.user.institutionId}`} replace />;
  return <Navigate to="/institutions" replace />;
}

function Shell() {
  const { me, loading: authLoading } = useAuth();
  const location = useLocation();
  if (authLoading) return loading;
  if (!me) {
    if (location.pathname === '/login')
      return (
        <Suspense fallback={loading}>
          <LoginPage />
        </Suspense>
      );
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (me.mustChangePassword)
    return (
      <Suspense fallback={loading}>
        <PasswordPage forced />
      </Suspense>
    );
  if (location.pathname === '/login') return <Home />;
  return (
    <AppLayout>
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/password" element={<PasswordPage />} />
          <Route path="/overview" element={<Guard needs="readDistrict" children={<OverviewPage />} />} />
          <Route path="/institutions" element={<Guard needs="readOwnUnit" children={<InstitutionsPage />} />} />
          <Route path="/institutions/:id" element={<Guard needs="readOwnUnit" children={<InstitutionsPage />} />} />
          <Route path="/people" element={<Guard needs="readOwnUnit" children={<PeoplePage />} />} />
          <Route path="/duties" element={<Guard needs="readOwnUnit" children={<DutiesPage />} />} />
          <Route path="/diagnostics" element={<Guard needs="readDistrict" children={<DiagnosticsPage />} />} />
          <Route path="/imports" element={<Guard needs="importData" children={<ImportPage />} />} />
          <Route path="/adjustments" element={<Guard needs="readOwnUnit" children={<AdjustmentsPage />} />} />
          <Route path="/adjustments/:id" element={<Guard needs="readOwnUnit" children={<AdjustmentsPage />} />} />
          <Route path="/staffing" element={<Guard needs="readOwnUnit" children={<StaffingPage />} />} />
          <Route path="/scenarios" element={<Guard needs="readDistrict" children={<ScenariosPage />} />} />
          <Route path="/scenarios/:id" element={<Guard needs="readDistrict" children={<ScenariosPage />} />} />
          <Route path="/users" element={<Guard needs="manageUsers" children={<UsersPage />} />} />
          <Route path="/audit" element={<Guard needs="readAudit" children={<AuditPage />} />} />
          <Route path="*" element={<Result status="404" title="页面不存在" />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <Shell />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
