/**
 * The read routes' ready answers over HTTP: ETag and 304, gzip, a change of the data (or of the drafts) shown at the
 * next read, and never one role's or unit's answer served to another even when they ask the very same URL.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useServerFixture, idNumber } from '../../test/server-harness.js';

const f = useServerFixture();

type Item = { id: string; approved: number; name: string };

describe('ready answers', () => {
  it.each(['/api/institutions', '/api/people?pageSize=5', '/api/duties', '/api/adjustments', '/api/audit?limit=200'])(
    'Given %s read once When asked again with its ETag Then 304; with gzip accepted Then the gzip of the same JSON',
    async (url) => {
      const as = url.startsWith('/api/audit') ? f.as.admin : f.as.leader;
      const plain = await as({ method: 'GET', url });
      expect(plain.statusCode, plain.body).toBe(200);
      const etag = plain.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect((await as({ method: 'GET', url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
      expect((await as({ method: 'GET', url, headers: { 'if-none-match': `"other", W/${etag}` } })).statusCode).toBe(
        304,
      );
      const zipped = await as({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
      if (plain.rawPayload.length >= 1024) {
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
      } else {
        expect(zipped.body).toBe(plain.body);
      }
    },
  );

  it('Given a leader and a reporter When both ask the same URLs, the leader first Then the reporter sees only its unit', async () => {
    for (const url of ['/api/institutions', '/api/people?pageSize=500', `/api/institutions/${f.ids.audit}`]) {
      const leader = await f.as.leader({ method: 'GET', url });
      expect(leader.statusCode).toBe(200);
      const reporter = await f.as.reporter({ method: 'GET', url });
      expect(reporter.body).not.toBe(leader.body);
      if (url === '/api/institutions') {
        expect(leader.json().items).toHaveLength(5);
        expect(
          reporter
            .json()
            .items.map((i: Item) => i.name)
            .sort(),
        ).toEqual(['办公室', '区财政局', '预算股']);
      } else if (url.startsWith('/api/people')) {
        expect(leader.json().total).toBe(12);
        expect(reporter.json().total).toBe(5); // 区财政局 and its internal units
      } else {
        expect(reporter.statusCode).toBe(403); // another unit's detail
      }
    }
  });

  it('Given a role that may unmask and one that may not When both search the same ID prefix Then only the first finds by number', async () => {
    const url = `/api/people?q=${idNumber(62).slice(0, 16)}`;
    const operator = await f.as.operator({ method: 'GET', url });
    expect(operator.json().total).toBe(1);
    expect(operator.json().items[0].name).toBe('陈静');
    const leader = await f.as.leader({ method: 'GET', url });
    expect(leader.json().total).toBe(0); // a search by number would confirm guessed digits of a masked number
    const byName = await f.as.leader({ method: 'GET', url: `/api/people?q=${encodeURIComponent('陈')}` });
    expect(byName.json().items.map((p: Item) => p.name)).toEqual(['陈静']);
  });

  it('Given cached answers When the data changes Then the next read shows it; a draft changes the list of adjustments only', async () => {
    const tree = async () => (await f.as.leader({ method: 'GET', url: '/api/institutions' })).json().items as Item[];
    const approvedOf = async () => (await tree()).find((i) => i.id === f.ids.audit)!.approved;
    const before = await approvedOf();
    const list = async () => (await f.as.leader({ method: 'GET', url: '/api/adjustments' })).json().items.length;
    const adjustmentsBefore = await list();

    const draft = await f.as.operator({
      method: 'POST',
      url: '/api/adjustments',
      payload: {
        docNumber: '示编〔2026〕77号',
        title: '草稿',
        effectiveOn: '2026-11-01',
        items: [{ op: 'set_quota', institutionId: f.ids.audit, category: 'admin', approved: 30 }],
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(await list()).toBe(adjustmentsBefore + 1);
    expect(await approvedOf()).toBe(before); // a draft changes no figure

    const read = await f.as.approver({ method: 'GET', url: `/api/institutions/${f.ids.audit}/quotas/admin` });
    const put = await f.as.approver({
      method: 'PUT',
      url: `/api/institutions/${f.ids.audit}/quotas/admin`,
      headers: { 'if-match': read.headers.etag as string },
      payload: { approved: before + 1, docNumber: '示编〔2026〕78号' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await approvedOf()).toBe(before + 1);
    expect(await list()).toBe(adjustmentsBefore + 2);
  });

  it('Given an adjustment When read Then its ETag is its version (what If-Match names), also from the cache', async () => {
    const items = (await f.as.operator({ method: 'GET', url: '/api/adjustments' })).json().items as {
      id: string;
      version: number;
    }[];
    const a = items[0]!;
    for (let i = 0; i < 2; i++) {
      const r = await f.as.operator({ method: 'GET', url: `/api/adjustments/${a.id}` });
      expect(r.headers.etag).toBe(`"${a.id}.${a.version}"`);
    }
  });
});
