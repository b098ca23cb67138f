import { describe, expect, it } from 'vitest';
import { importKindLabels, importKinds } from '../domain/records.js';
import { useServerFixture } from '../../test/server-harness.js';

const f = useServerFixture();

describe('GET /api/imports/kinds', () => {
  it('Given an operator When the import page asks for the kinds Then every kind comes with its Chinese label', async () => {
    const r = await f.as.operator({ method: 'GET', url: '/api/imports/kinds' });
    expect(r.statusCode).toBe(200);
    const kinds = r.json() as { kind: string; label: string; asAdjustment: boolean }[];
    expect(kinds.map((k) => k.kind)).toEqual([...importKinds]);
    for (const k of kinds) expect(k.label).toBe(importKindLabels[k.kind as keyof typeof importKindLabels]);
  });

  it('Given the API document When read Then the route declares its answer shape', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const answer = doc.paths['/api/imports/kinds'].get.responses['200'].content['application/json'].schema;
    expect(answer.type).toBe('array');
    expect(Object.keys(answer.items.properties)).toEqual(
      expect.arrayContaining(['kind', 'label', 'sheets', 'asAdjustment', 'templateFileName', 'exportFileName']),
    );
  });
});
