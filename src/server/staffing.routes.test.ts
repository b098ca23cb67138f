/**
 * 用编 through the API: a reporter drafts and reads only its own unit's requests, only an approver approves, the
 * 核准通知单 downloads as a 公文, 入编 uses the approval's place and the vacancy figures follow, the check of a movement
 * records nothing, and bad input is refused in Chinese with nothing written.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../../test/context.js';
import { createServerFixture, idNumber } from '../../test/server-harness.js';

let f: Awaited<ReturnType<typeof createServerFixture>>;
beforeAll(async () => {
  f = await createServerFixture();
});
afterAll(() => f.close());

const request = (institutionId: string, count = 1) => ({
  institutionId,
  category: 'admin',
  count,
  channel: 'exam',
  reason: '补充科员',
});

/** The answer is refused with `status` and a Chinese message, and the database is exactly as it was. */
async function refused(call: () => Promise<{ statusCode: number; body: string }>, status: number, message: RegExp) {
  const before = await databaseFingerprint(f.pool);
  const r = await call();
  expect(r.statusCode, r.body).toBe(status);
  expect(JSON.parse(r.body).message).toMatch(message);
  expect(await databaseFingerprint(f.pool)).toBe(before);
}

const overviewRow = async (institutionId: string) => {
  const o = (await f.as.admin({ method: 'GET', url: '/api/staffing/overview' })).json();
  return o.rows.find((r: { institutionId: string; category: string }) => r.institutionId === institutionId);
};

describe('用编申请 → 核准 through the API', () => {
  let requestId = '';

  it('Given the reporter of 区财政局 When it drafts for its unit and for 区审计局 Then its own is drafted, the other refused (无权) and not written', async () => {
    const own = await f.as.reporter({ method: 'POST', url: '/api/staffing/requests', payload: request(f.ids.finance) });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      status: 'draft',
      stateLabel: '草稿',
      draftedBy: 'reporter',
      categoryLabel: '行政编制',
    });
    requestId = own.json().id;
    await refused(
      () => f.as.reporter({ method: 'POST', url: '/api/staffing/requests', payload: request(f.ids.audit) }),
      403,
      /无权/,
    );
  });

  it('Given requests of two units When the reporter lists or reads them Then it sees only its own unit', async () => {
    const other = await f.as.operator({ method: 'POST', url: '/api/staffing/requests', payload: request(f.ids.audit) });
    expect(other.statusCode, other.body).toBe(201);
    const list = (await f.as.reporter({ method: 'GET', url: '/api/staffing/requests' })).json().items as {
      id: string;
      institutionId: string;
    }[];
    expect(list.map((r) => r.id)).toContain(requestId);
    expect(list.every((r) => r.institutionId === f.ids.finance)).toBe(true);
    const read = await f.as.reporter({ method: 'GET', url: `/api/staffing/requests/${other.json().id}` });
    expect(read.statusCode).toBe(403);
    expect(read.json().message).toMatch(/无权/);
    // the district's roles see both
    const all = (await f.as.leader({ method: 'GET', url: '/api/staffing/requests' })).json().items as { id: string }[];
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([requestId, other.json().id]));
  });

  it('Given the submitted request When the reporter or the operator approves Then both are refused; the approver approves with a number and the places are reserved', async () => {
    const submitted = await f.as.reporter({ method: 'POST', url: `/api/staffing/requests/${requestId}/submit` });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    for (const role of ['reporter', 'operator', 'leader'] as const) {
      await refused(
        () => f.as[role]({ method: 'POST', url: `/api/staffing/requests/${requestId}/approve` }),
        403,
        /无权/,
      );
    }
    const before = await overviewRow(f.ids.finance);
    expect(before).toMatchObject({ approved: 10, actual: 5, reserved: 0, available: 5 });
    const approved = await f.as.approver({ method: 'POST', url: `/api/staffing/requests/${requestId}/approve` });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      holds: 1,
      approvedBy: 'approver',
      approvedOn: '2026-11-27',
    });
    expect(approved.json().docNumber).toMatch(/^示编用〔2026〕\d+号$/);
    expect(approved.json().expiresOn).toBe('2027-05-27');
    expect(await overviewRow(f.ids.finance)).toMatchObject({ approved: 10, actual: 5, reserved: 1, available: 4 });
    const o = (await f.as.admin({ method: 'GET', url: '/api/staffing/overview' })).json();
    const admin = o.byCategory.find((c: { category: string }) => c.category === 'admin');
    expect(admin).toMatchObject({ approved: 18, actual: 8, reserved: 1, available: 9 });
    expect(o.total.reserved).toBe(1);
  });

  it('Given the approval When the reporter downloads its 核准通知单 Then it is a 公文 with the number, the unit, the figures checked and the 抄送', async () => {
    const r = await f.as.reporter({ method: 'GET', url: `/api/staffing/approvals/${requestId}/notice.docx` });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toMatch(/wordprocessingml/);
    const files = unzipSync(new Uint8Array(r.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const number = (await f.as.admin({ method: 'GET', url: `/api/staffing/requests/${requestId}` })).json().docNumber;
    expect(text).toContain(number);
    expect(text).toContain('中共示范区委机构编制委员会办公室');
    expect(text).toContain('关于核准区财政局使用行政编制的通知');
    expect(text).toContain('核定行政编制10名，实有5名，已核准待入编0名，可用空编5名');
    expect(text).toContain('同意你单位使用行政编制1名，补充渠道为考录');
    expect(text).toContain('本通知有效期至2027年5月27日');
    expect(text).toContain('抄送：示范区委组织部，示范区人力资源和社会保障局，示范区财政局。');
    // the 公文 layout: A4, the margins and the 仿宋 body of GB/T 9704
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(strFromU8(files['word/styles.xml']!)).toContain('仿宋_GB2312');
  });

  it('Given a draft, the audit unit and a missing request When their notice is asked for Then 409, 403 and 404 in Chinese', async () => {
    const draft = await f.as.operator({
      method: 'POST',
      url: '/api/staffing/requests',
      payload: request(f.ids.finance),
    });
    const r = await f.as.operator({ method: 'GET', url: `/api/staffing/approvals/${draft.json().id}/notice.docx` });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/尚无核准通知单/);
    const missing = await f.as.operator({
      method: 'GET',
      url: '/api/staffing/approvals/00000000-0000-4000-8000-000000000000/notice.docx',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('用编申请不存在');
  });

  it('Given bad requests When drafted, submitted or withdrawn Then each is refused in Chinese and nothing is written', async () => {
    await refused(
      () =>
        f.as.operator({
          method: 'POST',
          url: '/api/staffing/requests',
          payload: { ...request(f.ids.finance), count: 0 },
        }),
      400,
      /申请数至少为1/,
    );
    await refused(
      () =>
        f.as.operator({
          method: 'POST',
          url: '/api/staffing/requests',
          payload: { ...request(f.ids.finance), channel: 'lottery' },
        }),
      400,
      /补充渠道/,
    );
    await refused(
      () =>
        f.as.operator({
          method: 'POST',
          url: '/api/staffing/requests',
          payload: { ...request(f.ids.financeCenter), category: 'admin' },
        }),
      400,
      /编制不得混用/,
    );
    const tooMany = await f.as.operator({
      method: 'POST',
      url: '/api/staffing/requests',
      payload: request(f.ids.finance, 5),
    });
    await refused(
      () => f.as.operator({ method: 'POST', url: `/api/staffing/requests/${tooMany.json().id}/submit` }),
      422,
      /可用空编只有4名/,
    );
    await refused(
      () =>
        f.as.operator({
          method: 'POST',
          url: `/api/staffing/requests/${tooMany.json().id}/withdraw`,
          payload: { reason: '  ' },
        }),
      400,
      /撤回理由/,
    );
    // the reporter may not withdraw what the 编办 drafted for its unit
    await refused(
      () =>
        f.as.reporter({
          method: 'POST',
          url: `/api/staffing/requests/${tooMany.json().id}/withdraw`,
          payload: { reason: '不要了' },
        }),
      403,
      /只能办理自己起草/,
    );
  });
});

describe('人员变动 through the API', () => {
  let approvalId = '';
  const newcomer = { name: '郑新', idNumber: idNumber(131, '19670312') };
  const entry = () => ({
    type: 'enter',
    on: '2026-11-27',
    institutionId: f.ids.finance,
    category: 'admin',
    post: '科员',
    approvalId,
    person: newcomer,
  });

  beforeAll(async () => {
    const d = await f.as.operator({ method: 'POST', url: '/api/staffing/requests', payload: request(f.ids.finance) });
    await f.as.operator({ method: 'POST', url: `/api/staffing/requests/${d.json().id}/submit` });
    const a = await f.as.approver({ method: 'POST', url: `/api/staffing/requests/${d.json().id}/approve` });
    expect(a.statusCode, a.body).toBe(200);
    approvalId = a.json().id;
  });

  it('Given a movement When checked Then the checks are explained in Chinese and nothing is written; a refusal is the answer', async () => {
    const before = await databaseFingerprint(f.pool);
    const ok = await f.as.operator({ method: 'POST', url: '/api/people/entries/check', payload: entry() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().ok).toBe(true);
    expect(ok.json().checks.join('\n')).toMatch(/登记入实名库/);
    expect(ok.json().checks.join('\n')).toMatch(/依据示编用〔2026〕\d+号.*尚余0名/);
    const no = await f.as.operator({
      method: 'POST',
      url: '/api/people/entries/check',
      payload: { ...entry(), approvalId: null },
    });
    expect(no.json()).toEqual({
      ok: false,
      checks: [],
      refusal: '入编须依据"区财政局"行政编制的有效用编核准;如确属例外,须写明例外理由',
    });
    expect(await databaseFingerprint(f.pool)).toBe(before);
  });

  it('Given bad movements When recorded Then each is refused in Chinese and nothing is written', async () => {
    await refused(
      () => f.as.operator({ method: 'POST', url: '/api/people/entries', payload: { ...entry(), approvalId: null } }),
      422,
      /入编须依据/,
    );
    await refused(
      () =>
        f.as.operator({
          method: 'POST',
          url: '/api/people/entries',
          payload: { ...entry(), person: { ...newcomer, idNumber: '370102196703121310' } },
        }),
      400,
      /身份证号码/,
    );
    await refused(
      () => f.as.operator({ method: 'POST', url: '/api/people/entries', payload: { ...entry(), on: '1960-01-01' } }),
      400,
      /不晚于其出生日期/,
    );
    await refused(
      () => f.as.operator({ method: 'POST', url: '/api/people/entries', payload: { ...entry(), on: '2027-06-01' } }),
      400,
      /晚于今天 31 天以上/,
    );
    await refused(
      () =>
        f.as.operator({
          method: 'POST',
          url: '/api/people/entries',
          payload: { ...entry(), institutionId: f.ids.audit },
        }),
      422,
      /与入编的"区审计局"行政编制不符/,
    );
    // a reporter records no movement, not even of its own unit
    await refused(() => f.as.reporter({ method: 'POST', url: '/api/people/entries', payload: entry() }), 403, /无权/);
  });

  it('Given the approval When the operator records the entry Then the place is used, 实有 grows and a second use is refused', async () => {
    const r = await f.as.operator({ method: 'POST', url: '/api/people/entries', payload: entry() });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ type: 'enter', typeLabel: '入编', approvalId, institutionId: f.ids.finance });
    const row = await overviewRow(f.ids.finance);
    expect(row).toMatchObject({ actual: 6, reserved: 1 }); // the first approval still holds its place
    const again = await f.as.operator({
      method: 'POST',
      url: '/api/people/entries',
      payload: { ...entry(), person: { name: '郑二', idNumber: idNumber(141, '19900101') } },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().message).toMatch(/已全部使用/);
  });

  it('Given the newcomer near retirement When the forecast is read, the person retires and it is read again Then a retirement goes, and a leader sees no birth date', async () => {
    const personId = (await f.pool.query(`SELECT id FROM persons WHERE name = '郑新'`)).rows[0].id as string;
    const forecast = async () => (await f.as.leader({ method: 'GET', url: '/api/forecast' })).json();
    const before = await forecast();
    const mine = before.pending.find((p: { personId: string }) => p.personId === personId);
    expect(mine).toMatchObject({ institutionName: '区财政局', retirementDate: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(JSON.stringify(before)).not.toContain('1967-03-12');
    const retiringBefore = before.totals.retiring.reduce((a: number, b: number) => a + b, 0);

    const reporterExit = await f.as.reporter({
      method: 'POST',
      url: `/api/people/${personId}/movements`,
      payload: { type: 'exit', on: '2026-11-27', exitType: 'retire' },
    });
    expect(reporterExit.statusCode).toBe(403);
    const exit = await f.as.operator({
      method: 'POST',
      url: `/api/people/${personId}/movements`,
      payload: { type: 'exit', on: '2026-11-27', exitType: 'retire', docNumber: '示人〔2026〕3号' },
    });
    expect(exit.statusCode, exit.body).toBe(201);
    expect(exit.json()).toMatchObject({ type: 'exit', exitTypeLabel: '退休' });

    const after = await forecast();
    expect(after.totals.retiring.reduce((a: number, b: number) => a + b, 0)).toBe(retiringBefore - 1);
    expect(after.pending.find((p: { personId: string }) => p.personId === personId)).toBeUndefined();
    // and a second exit is refused: the person is no longer on the roster
    const twice = await f.as.operator({
      method: 'POST',
      url: `/api/people/${personId}/movements/check`,
      payload: { type: 'exit', on: '2026-11-27', exitType: 'retire' },
    });
    expect(twice.json().ok).toBe(false);
    expect(twice.json().refusal).toMatch(/郑新/);
  });

  it('Given the reporter When asking for the district forecast Then it is refused', async () => {
    const r = await f.as.reporter({ method: 'GET', url: '/api/forecast' });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/无权/);
  });
});
