/**
 * Runs first, as its own small script, while the app's code (≈260 KB gzipped) is still loading: starts the requests
 * every visit needs (the session) and, on 总览, its figures, so they come back while that code parses. api()
 * (web/src/api.ts) takes each response once, for the same GET path; later requests go to the network as usual.
 * A classic script in public/, loaded before the entry: Vite would fold a module into the entry chunk, which runs
 * only after its imports.
 */
/* global fetch, location, URLSearchParams */
{
  const get = (path) => fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const early = { '/api/auth/me': get('/api/auth/me') };
  if (location.pathname === '/overview') {
    // the same path as api(`/api/statistics${qs({ asOf })}`)
    const asOf = new URLSearchParams(location.search).get('asOf');
    const path = `/api/statistics${asOf ? `?${new URLSearchParams({ asOf }).toString()}` : ''}`;
    early[path] = get(path);
  }
  globalThis.__bianzhiEarly = early;
}
