/** Uploads (ID numbers) never stay on disk: their work folder goes on every path, and a start removes a crash's. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useServerFixture, idNumber, signIn } from '../../test/server-harness.js';
import { buildServer } from './app.js';
import { makeWorkFolder, workRoot } from './work-folder.js';

const f = useServerFixture();

/** This process's work folders (other test processes may have their own beside them). */
const ours = () => {
  try {
    return readdirSync(workRoot()).filter((n) => n.startsWith(`${process.pid}-`));
  } catch {
    return [];
  }
};

async function until(what: string, ok: () => boolean) {
  for (let waited = 0; !ok(); waited += 50) {
    if (waited > 60_000) throw new Error(`waited 60 s for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const boundary = '----bianzhi-work-folder';
const multipart = (fileName: string, content: string | Buffer) => ({
  payload: Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]),
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
});

const header =
  '姓名,公民身份号码,性别,出生日期,学历,所在机构,编制类别,职务,领导职务层级,领导职数类别,入编时间,内设机构';
const good = `${header}\n钱进,${idNumber(401)},男,1985-03-12,大学本科,区审计局,行政编制,科员,,,2022-07-01,`;
const bad = `${header}\n孙亮,${idNumber(402).slice(0, 17)}0,男,1985-03-12,大学本科,区审计局,行政编制,科员,,,2022-07-01,`;

describe('temporary upload files', () => {
  it('Given imports that succeed, find problems or fail When answered Then no work folder of theirs remains', async () => {
    expect(ours()).toEqual([]);
    const ok = await f.as.operator({
      method: 'POST',
      url: '/api/imports/roster?dryRun=false',
      ...multipart('人员.csv', good),
    });
    expect(ok.json(), ok.body).toMatchObject({ ok: true });
    expect(ours()).toEqual([]);

    const problems = await f.as.operator({
      method: 'POST',
      url: '/api/imports/roster?dryRun=true',
      ...multipart('人员.csv', bad),
    });
    expect(problems.json()).toMatchObject({ ok: false });
    expect(ours()).toEqual([]);

    const unreadable = await f.as.operator({
      method: 'POST',
      url: '/api/imports/roster?dryRun=true',
      ...multipart('人员.xlsx', Buffer.from('PK\u0003\u0004 not really a workbook')),
    });
    expect(unreadable.statusCode === 200 ? unreadable.json().ok === false : unreadable.statusCode >= 400).toBe(true);
    expect(ours()).toEqual([]);

    // an exception inside the import (the database refuses the write): 500, and still nothing left
    await f.pool.query(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await f.pool.query(
      `CREATE TRIGGER test_refuse BEFORE INSERT ON imports FOR EACH ROW EXECUTE FUNCTION test_refuse()`,
    );
    try {
      const failed = await f.as.operator({
        method: 'POST',
        url: '/api/imports/roster?dryRun=false',
        ...multipart('人员.csv', good.replace('钱进', '钱多')),
      });
      expect(failed.statusCode).toBe(500);
      expect(ours()).toEqual([]);
    } finally {
      await f.pool.query(`DROP TRIGGER test_refuse ON imports; DROP FUNCTION test_refuse()`);
    }
  });

  it('Given an upload over the size limit When refused (413) Then its partial file is gone', async () => {
    const small = await buildServer({ pool: f.pool, regionCode: f.ctx.regionCode, maxUploadBytes: 1024 });
    try {
      const s = await signIn(small, 'operator');
      const r = await small.inject({
        method: 'POST',
        url: '/api/imports/roster?dryRun=true',
        ...multipart('人员.csv', `${header}\n${'x'.repeat(4096)}`),
        headers: { ...multipart('', '').headers, cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      });
      expect(r.statusCode).toBe(413);
      expect(ours()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('Given an upload When the client goes away mid-way Then its work folder is removed', async () => {
    // Given: a real connection that sends half a file and then drops
    const address = await f.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const s = await signIn(f.app, 'operator');
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.on('error', () => undefined);
    const start = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="人员.csv"\r\nContent-Type: text/csv\r\n\r\n${header}\n`;
    socket.write(
      [
        'POST /api/imports/roster?dryRun=true HTTP/1.1',
        'Host: 127.0.0.1',
        `Cookie: ${s.cookie}`,
        `X-CSRF-Token: ${s.csrfToken}`,
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        'Content-Length: 10000000',
        '',
        '',
      ].join('\r\n'),
    );
    socket.write(Buffer.concat([Buffer.from(start), Buffer.alloc(256 * 1024, 'x')]));

    // When: the upload is being written to its work folder, the client goes away
    await until('the upload to start', () => ours().length === 1);
    socket.destroy();

    // Then
    await until('the work folder to go', () => ours().length === 0);
  });

  it('Given work folders left by a killed server When a server starts Then exactly those are removed', async () => {
    // Given: a dead process's upload, a live process's folder, this process's own, and a file not bianzhi's
    const dead = join(workRoot(), '999999999-crashed');
    mkdirSync(dead, { recursive: true });
    writeFileSync(join(dead, 'upload.csv'), good);
    const live = join(workRoot(), `${process.ppid}-running`);
    mkdirSync(live, { recursive: true });
    const own = await makeWorkFolder();
    const foreign = join(workRoot(), 'not-a-work-folder');
    writeFileSync(foreign, '');

    // When
    const started = await buildServer({ pool: f.pool, regionCode: f.ctx.regionCode });
    await started.close();

    // Then
    const left = readdirSync(workRoot());
    expect(left).not.toContain('999999999-crashed');
    expect(left).toEqual(
      expect.arrayContaining([`${process.ppid}-running`, own.split('/').pop(), 'not-a-work-folder']),
    );
    for (const p of [live, own, foreign]) rmSync(p, { recursive: true, force: true });
  });
});
