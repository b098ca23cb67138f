/** Who is signed in: /api/auth/me on load, login/logout, and the permissions that shape the menu. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Permission } from '../../src/domain/permissions.js';
import { call, ApiError, setCsrfToken, setUnauthorizedHandler } from './api';
import type { Me } from './types';

interface AuthState {
  me: Me | null;
  loading: boolean;
  can: (p: Permission) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** The session (null when signed out); the entry starts it before the first render. */
export const sessionQuery = {
  queryKey: ['me'],
  queryFn: async () => {
    try {
      return await call('GET /api/auth/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: Infinity,
  retry: false,
} as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const meQuery = useQuery(sessionQuery);
  const me = meQuery.data ?? null;
  useEffect(() => {
    if (me) setCsrfToken(me.csrfToken);
  }, [me]);
  useEffect(() => {
    setUnauthorizedHandler(() => client.setQueryData(['me'], null));
  }, [client]);

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await call('POST /api/auth/login', { body: { username, password } });
      setCsrfToken(r.csrfToken);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      client.setQueryData(['me'], r);
      return r;
    },
    [client],
  );
  const logout = useCallback(async () => {
    try {
      await call('POST /api/auth/logout');
    } finally {
      client.setQueryData(['me'], null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    }
  }, [client]);
  const refresh = useCallback(async () => {
    await client.invalidateQueries({ queryKey: ['me'] });
  }, [client]);

  const value = useMemo<AuthState>(
    () => ({
      me,
      loading: meQuery.isLoading,
      can: (p) => !!me?.permissions.includes(p),
      login,
      logout,
      refresh,
    }),
    [me, meQuery.isLoading, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
