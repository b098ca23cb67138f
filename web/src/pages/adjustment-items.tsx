/**
 * The line items of a 编制事项 draft: one small form per kind of change the ledger knows (src/domain/ledger.ts), the
 * body the API takes for it, and how an item reads in the file ("从 A 划转行政编制 2 名至 B").
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import {
  adjustmentOpLabels,
  fundingForms,
  institutionKindLabels,
  institutionKinds,
  leadershipLevels,
  postClassLabels,
  postClasses,
  publicInstitutionClasses,
  quotaCategories,
  quotaCategoryLabels,
  ranks,
  type QuotaCategory,
} from '../../../src/domain/vocabulary.js';
import { adjustmentDraftSchema } from '../../../src/domain/ledger.js';
import { call } from '../api';
import type { AdjustmentItem } from '../types';

/** Label of each kind of line item (any op string the API might send: the server may know more than this build). */
export const opLabels: Record<string, string> = adjustmentOpLabels;

export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type DraftItem = Record<string, unknown> & { key: string; op: string };
type Option = { value: string; label: string };
/** What every item form gets: the item, a way to change it, and the institutions to pick from. */
type ItemProps = { item: DraftItem; set: (patch: Record<string, unknown>) => void; options: Option[] };
type QuotaLine = { category?: string; amount?: number };
/** A new institution of a split; fields the form does not show (posts…) are kept as they came. */
type Part = { id: string; name?: string; kind?: string; rank?: string; quotas: QuotaLine[] } & Record<string, unknown>;

/** A fresh item of a kind, with the defaults its form starts from. */
export function newItem(op: string): DraftItem {
  const key = uuid();
  if (op === 'create_institution') return { key, op, kind: 'internal_unit' };
  if (op === 'split_institution') return { key, op, parts: [newPart()], abolishSource: false, successor: 0 };
  if (op === 'change_institution') return { key, op, changes: {} };
  if (op === 'merge_institutions') return { key, op, sourceIds: [] };
  return { key, op };
}
const newPart = (): Part => ({ id: uuid(), quotas: [{}] });

/** "no parent" / "no host" in a change: the API takes null, a Select cannot hold it. */
const none = '__none__';
const changeFields = ['kind', 'rank', 'parentId', 'hostedById', 'piClass', 'funding', 'civilServiceManaged'] as const;

const kindOptions = institutionKinds.map((k) => ({ value: k, label: institutionKindLabels[k] }));
const rankOptions = ranks.map((r) => ({ value: r, label: r }));
const categoryOptions = quotaCategories.map((c) => ({ value: c, label: quotaCategoryLabels[c] }));

/** An item's field naming an institution, searchable by name. */
function institutionSelect(
  item: DraftItem,
  set: (patch: Record<string, unknown>) => void,
  options: Option[],
  field: string,
  placeholder = '机构',
  more: { extra?: Option[]; patch?: (v: string | undefined) => Record<string, unknown> } = {},
) {
  const extra = more.extra ?? [];
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={extra.length > 0}
      placeholder={placeholder}
      style={{ width: 260 }}
      value={item[field] as string | undefined}
      onChange={(v: string | undefined) => set(more.patch ? more.patch(v) : { [field]: v })}
      options={[...extra, ...options]}
      data-testid={`item-${field}`}
    />
  );
}

/** What the institution holds now in the chosen category, beside the new figure (核定编制 shows it before saving). */
function CurrentQuota({ institutionId, category }: { institutionId?: string; category?: QuotaCategory }) {
  const q = useQuery({
    queryKey: ['quota', institutionId, category],
    queryFn: () =>
      call('GET /api/institutions/:id/quotas/:category', { params: { id: institutionId!, category: category! } }),
    enabled: !!institutionId && !!category,
  });
  if (!q.data) return null;
  return (
    <Typography.Text type="secondary" data-testid="current-quota">
      现核定 {q.data.approved} 名,实有 {q.data.actual} 人
    </Typography.Text>
  );
}

export function ItemFields({ item, set, options }: ItemProps) {
  const inst = (field: string, placeholder = '机构') => institutionSelect(item, set, options, field, placeholder);
  const num = (field: string, placeholder: string) => (
    <InputNumber
      min={0}
      placeholder={placeholder}
      value={item[field] as number | undefined}
      onChange={(v) => set({ [field]: v ?? undefined })}
      data-testid={`item-${field}`}
    />
  );
  const text = (field: string, placeholder: string, width = 220) => (
    <Input
      placeholder={placeholder}
      style={{ width }}
      value={item[field] as string | undefined}
      onChange={(e) => set({ [field]: e.target.value })}
      data-testid={`item-${field}`}
    />
  );
  const category = (
    <Select
      placeholder="编制类别"
      style={{ width: 170 }}
      value={item.category as string | undefined}
      onChange={(v) => set({ category: v })}
      options={categoryOptions}
      data-testid="item-category"
    />
  );
  switch (item.op) {
    case 'set_quota':
      return (
        <Space wrap>
          {inst('institutionId')}
          {category}
          {num('approved', '核定数')}
          <CurrentQuota institutionId={item.institutionId as string} category={item.category as QuotaCategory} />
        </Space>
      );
    case 'set_posts':
      return (
        <Space wrap>
          {inst('institutionId')}
          <Select
            placeholder="层级"
            style={{ width: 100 }}
            value={item.level as string | undefined}
            onChange={(v) => set({ level: v })}
            options={leadershipLevels.map((l) => ({ value: l, label: l }))}
          />
          <Select
            placeholder="类别"
            style={{ width: 100 }}
            value={item.postClass as string | undefined}
            onChange={(v) => set({ postClass: v })}
            options={postClasses.map((c) => ({ value: c, label: postClassLabels[c] }))}
          />
          {num('approved', '核定职数')}
        </Space>
      );
    case 'rename_institution':
      return (
        <Space wrap>
          {inst('institutionId')}
          {text('name', '新名称')}
        </Space>
      );
    case 'create_institution':
      return (
        <Space wrap>
          {text('name', '机构名称')}
          <Select
            placeholder="机构类别"
            style={{ width: 150 }}
            value={item.kind as string | undefined}
            onChange={(v) => set({ kind: v })}
            options={kindOptions}
            data-testid="item-kind"
          />
          <Select
            placeholder="规格"
            allowClear
            style={{ width: 90 }}
            value={item.rank as string | undefined}
            onChange={(v) => set({ rank: v })}
            options={rankOptions}
          />
          {inst('parentId', item.kind === 'internal_unit' ? '所属机构' : '上级机构(可空)')}
          {item.kind !== 'internal_unit' && inst('hostedById', '挂靠单位(可空)')}
          {item.kind === 'public_institution' && (
            <Select
              placeholder="事业单位类别"
              allowClear
              style={{ width: 140 }}
              value={item.piClass as string | undefined}
              onChange={(v) => set({ piClass: v })}
              options={publicInstitutionClasses.map((c) => ({ value: c, label: c }))}
            />
          )}
        </Space>
      );
    case 'abolish_institution':
      return <Space wrap>{inst('institutionId')}</Space>;
    case 'move_quota':
      return (
        <Space wrap>
          {inst('fromId', '划出机构')}
          {inst('toId', '划入机构')}
          {category}
          {num('amount', '数量')}
        </Space>
      );
    case 'merge_institutions':
      return (
        <Space wrap align="start">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="并入的机构(可多选)"
            style={{ width: 360 }}
            value={item.sourceIds as string[]}
            onChange={(v) => set({ sourceIds: v })}
            options={options.filter((o) => o.value !== item.targetId)}
            data-testid="item-sourceIds"
          />
          <span style={{ lineHeight: '32px' }}>并入</span>
          {inst('targetId', '保留的机构')}
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
            编制、领导职数、人员、职责与内设机构随之转入,被并入的机构撤销
          </Typography.Text>
        </Space>
      );
    case 'split_institution':
      return <SplitFields item={item} set={set} options={options} />;
    case 'change_institution':
      return <ChangeFields item={item} set={set} options={options} />;
    case 'move_duties':
      return <MoveDutiesFields item={item} set={set} options={options} />;
    default:
      return null;
  }
}

function SplitFields({ item, set, options }: ItemProps) {
  const parts = item.parts as Part[];
  const setPart = (id: string, patch: Partial<Part>) =>
    set({ parts: parts.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
  return (
    <Space orientation="vertical">
      <Space wrap>
        {institutionSelect(item, set, options, 'sourceId', '被拆分的机构')}
        <Checkbox
          checked={!!item.abolishSource}
          onChange={(e) => set({ abolishSource: e.target.checked })}
          data-testid="item-abolishSource"
        >
          撤销原机构
        </Checkbox>
        {!!item.abolishSource && (
          <Select
            style={{ width: 220 }}
            value={item.successor as number}
            onChange={(v) => set({ successor: v })}
            options={parts.map((p, i) => ({ value: i, label: `余下的转入:${p.name || `新机构${i + 1}`}` }))}
          />
        )}
      </Space>
      {parts.map((p, i) => (
        <Space key={p.id} wrap data-testid={`part-${i}`}>
          <span>新机构{i + 1}</span>
          <Input
            placeholder="名称"
            style={{ width: 200 }}
            value={p.name}
            onChange={(e) => setPart(p.id, { name: e.target.value })}
            data-testid="part-name"
          />
          <Select
            placeholder="机构类别"
            style={{ width: 140 }}
            value={p.kind}
            onChange={(v) => setPart(p.id, { kind: v })}
            options={kindOptions.filter((k) => k.value !== 'internal_unit')}
            data-testid="part-kind"
          />
          <Select
            placeholder="规格"
            allowClear
            style={{ width: 90 }}
            value={p.rank}
            onChange={(v) => setPart(p.id, { rank: v })}
            options={rankOptions}
          />
          {p.quotas.map((q, qi) => (
            <Space.Compact key={qi}>
              <Select
                placeholder="带走的编制类别"
                style={{ width: 150 }}
                value={q.category}
                onChange={(v) =>
                  setPart(p.id, { quotas: p.quotas.map((x, j) => (j === qi ? { ...x, category: v } : x)) })
                }
                options={categoryOptions}
                data-testid="part-category"
              />
              <InputNumber
                min={0}
                placeholder="名"
                value={q.amount}
                onChange={(v) =>
                  setPart(p.id, {
                    quotas: p.quotas.map((x, j) => (j === qi ? { ...x, amount: v ?? undefined } : x)),
                  })
                }
                data-testid="part-amount"
              />
            </Space.Compact>
          ))}
          <Button size="small" onClick={() => setPart(p.id, { quotas: [...p.quotas, {}] })}>
            加一类编制
          </Button>
          {parts.length > 1 && (
            <Button
              size="small"
              icon={<DeleteOutlined />}
              onClick={() => set({ parts: parts.filter((x) => x.id !== p.id), successor: 0 })}
            />
          )}
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => set({ parts: [...parts, newPart()] })}>
        再拆出一个机构
      </Button>
    </Space>
  );
}

function ChangeFields({ item, set, options }: ItemProps) {
  const changes = item.changes as Record<string, unknown>;
  const change = (field: string, v: unknown) => {
    const next = { ...changes };
    if (v === undefined) delete next[field];
    else next[field] = v;
    set({ changes: next });
  };
  const select = (field: string, placeholder: string, opts: Option[], width = 150) => (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={changes[field] === null ? none : (changes[field] as string | undefined)}
      onChange={(v) => change(field, v === none ? null : v)}
      options={opts}
      data-testid={`change-${field}`}
    />
  );
  return (
    <Space orientation="vertical">
      <Space wrap>
        {institutionSelect(item, set, options, 'institutionId')}
        <Typography.Text type="secondary">只填要改的项,留空的不变</Typography.Text>
      </Space>
      <Space wrap>
        {select('kind', '机构类别', kindOptions)}
        {select('rank', '规格', rankOptions, 100)}
        {select('parentId', '上级机构', [{ value: none, label: '(无上级)' }, ...options], 220)}
        {select('hostedById', '挂靠单位', [{ value: none, label: '(取消挂靠)' }, ...options], 220)}
        {select(
          'piClass',
          '事业单位类别',
          publicInstitutionClasses.map((c) => ({ value: c, label: c })),
        )}
        {select(
          'funding',
          '经费形式',
          fundingForms.map((c) => ({ value: c, label: c })),
          110,
        )}
        <Select
          allowClear
          placeholder="参公"
          style={{ width: 110 }}
          value={changes.civilServiceManaged as boolean | undefined}
          onChange={(v) => change('civilServiceManaged', v)}
          options={[
            { value: true, label: '参公管理' },
            { value: false, label: '不参公' },
          ]}
        />
      </Space>
    </Space>
  );
}

function MoveDutiesFields({ item, set, options }: ItemProps) {
  const fromId = item.fromId as string | undefined;
  const duties = useQuery({
    queryKey: ['duties-of', fromId],
    queryFn: () => call('GET /api/duties', { query: { institutionId: fromId, pageSize: 500 } }),
    enabled: !!fromId,
  });
  return (
    <Space wrap align="start">
      {institutionSelect(item, set, options, 'fromId', '划出机构', {
        patch: (v) => ({ fromId: v, dutyIds: undefined }),
      })}
      {institutionSelect(
        item,
        set,
        options.filter((o) => o.value !== fromId),
        'toId',
        '划入机构',
      )}
      <Select
        mode="multiple"
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        disabled={!fromId}
        loading={duties.isLoading}
        placeholder="划转的事项(不选 = 全部职责)"
        style={{ width: 420 }}
        maxTagCount="responsive"
        value={(item.dutyIds as number[] | undefined) ?? []}
        onChange={(v: number[]) => set({ dutyIds: v.length ? v : undefined })}
        options={(duties.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title}(${d.sourceLabel})` }))}
        data-testid="item-dutyIds"
      />
    </Space>
  );
}

/** The API body of an item: ids for new institutions, only the quota lines filled in, nothing of the form's own. */
export function toItem(d: DraftItem): Record<string, unknown> {
  const { key: _key, ...rest } = d;
  switch (d.op) {
    case 'create_institution':
      return { ...rest, id: d.id ?? uuid() };
    case 'split_institution':
      return {
        ...rest,
        parts: (d.parts as Part[]).map((p) => ({
          ...p,
          name: p.name ?? '',
          quotas: p.quotas.filter((q) => q.category && q.amount),
        })),
      };
    default:
      return rest;
  }
}

/** Names of the fields an item's form asks for, for "请填写…" when one is left empty. */
const fieldLabels: Record<string, string> = {
  institutionId: '机构',
  fromId: '划出机构',
  toId: '划入机构',
  sourceId: '被拆分的机构',
  sourceIds: '并入的机构',
  targetId: '保留的机构',
  category: '编制类别',
  approved: '核定数',
  amount: '数量',
  level: '层级',
  postClass: '职数类别',
  name: '名称',
  kind: '机构类别',
  docNumber: '文号',
  title: '标题',
  effectiveOn: '生效日期',
};

const valueAt = (root: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    root,
  );

/**
 * What is wrong with a draft, checked by the server's own schema (src/domain/ledger.ts: one rule, one message), in
 * the form's words: the item's number and kind before the rule's message; "请填写…" for a field never filled in. Two rules
 * are the form's own: an internal unit needs its parent, and a change must change something.
 */
export function draftProblem(
  draft: { items: Record<string, unknown>[] } & Record<string, unknown>,
): string | undefined {
  const r = adjustmentDraftSchema.safeParse(draft);
  const issue = r.error?.issues[0];
  if (issue) {
    const [top, index, ...rest] = issue.path;
    const field = String([...issue.path].reverse().find((k) => typeof k === 'string') ?? '');
    // a field never filled in has no rule of its own to quote: say which one; otherwise the rule's own message
    const text =
      valueAt(draft, issue.path) === undefined && fieldLabels[field] ? `请填写${fieldLabels[field]}` : issue.message;
    const part = rest[0] === 'parts' && typeof rest[1] === 'number' ? `新机构${rest[1] + 1}:` : '';
    const item = top === 'items' && typeof index === 'number' ? draft.items[index] : undefined;
    return item ? `第${(index as number) + 1}项(${opLabels[String(item.op)]}):${part}${text}` : text;
  }
  const i = draft.items.findIndex(
    (item) =>
      (item.op === 'create_institution' && item.kind === 'internal_unit' && !item.parentId) ||
      (item.op === 'change_institution' && !Object.keys(item.changes as object).length),
  );
  const item = draft.items[i];
  if (!item) return undefined;
  const text = item.op === 'create_institution' ? '内设机构须选择所属机构' : '请至少选择一项要调整的属性';
  return `第${i + 1}项(${opLabels[String(item.op)]}):${text}`;
}

/** An item as the API gives it (with its label) → the form's state. */
export function fromItem(item: AdjustmentItem): DraftItem {
  const { opLabel: _label, ...rest } = item;
  if (item.op === 'split_institution') {
    const parts = (item.parts as Part[]).map((p) => ({ ...p, quotas: p.quotas.length ? p.quotas : [{}] }));
    return { ...rest, key: uuid(), parts };
  }
  if (item.op === 'change_institution') return { ...rest, key: uuid(), changes: item.changes ?? {} };
  return { ...rest, key: uuid() };
}

const categoryLabel = (c: unknown) => quotaCategoryLabels[c as keyof typeof quotaCategoryLabels] ?? String(c);

export function describeItem(item: AdjustmentItem, nameOf: (id: string) => string): string {
  const n = (k: string) => nameOf(String((item as Record<string, unknown>)[k] ?? ''));
  switch (item.op) {
    case 'set_quota':
      return `${n('institutionId')} ${categoryLabel(item.category)} 核定为 ${item.approved} 名`;
    case 'set_posts':
      return `${n('institutionId')} ${item.level}(${postClassLabels[item.postClass as keyof typeof postClassLabels] ?? item.postClass})领导职数核定为 ${item.approved} 名`;
    case 'rename_institution':
      return `${n('institutionId')} 更名为"${item.name}"`;
    case 'create_institution':
      return `${item.parentId ? `在 ${n('parentId')} 下` : ''}设立${institutionKindLabels[item.kind as keyof typeof institutionKindLabels] ?? ''}"${item.name}"${item.rank ? `(${item.rank})` : ''}${item.hostedById ? `,挂靠 ${n('hostedById')}` : ''}`;
    case 'abolish_institution':
      return `撤销 ${n('institutionId')}`;
    case 'move_quota':
      return `从 ${n('fromId')} 划转 ${categoryLabel(item.category)} ${item.amount} 名至 ${n('toId')}`;
    case 'merge_institutions':
      return `${((item.sourceIds as string[]) ?? []).map(nameOf).join('、')} 并入 ${n('targetId')}`;
    case 'split_institution': {
      const parts = (item.parts as (Part & { quotas: QuotaLine[] })[]) ?? [];
      const told = parts.map((p) => {
        const q = p.quotas.map((x) => `${categoryLabel(x.category)} ${x.amount} 名`).join('、');
        return `"${p.name}"${q ? `(带走${q})` : ''}`;
      });
      const rest = item.abolishSource
        ? `;撤销 ${n('sourceId')},余下的转入"${parts[Number(item.successor ?? 0)]?.name ?? ''}"`
        : '';
      return `从 ${n('sourceId')} 拆出 ${told.join('、')}${rest}`;
    }
    case 'change_institution': {
      const c = (item.changes ?? {}) as Record<string, unknown>;
      const said = changeFields
        .filter((f) => f in c)
        .map((f) => {
          const v = c[f];
          if (f === 'kind') return `类别改为${institutionKindLabels[v as keyof typeof institutionKindLabels] ?? v}`;
          if (f === 'rank') return `规格改为${v ?? '(无)'}`;
          if (f === 'parentId') return v ? `上级改为 ${nameOf(String(v))}` : '不再有上级机构';
          if (f === 'hostedById') return v ? `改为挂靠 ${nameOf(String(v))}` : '取消挂靠';
          if (f === 'piClass') return `事业单位类别改为${v}`;
          if (f === 'funding') return `经费形式改为${v}`;
          return v ? '参照公务员法管理' : '不再参照公务员法管理';
        });
      return `${n('institutionId')}:${said.join(',') || '(未填写调整内容)'}`;
    }
    case 'move_duties': {
      const ids = item.dutyIds as number[] | undefined;
      return `${n('fromId')} 的${ids?.length ? ` ${ids.length} 项` : '全部'}职责划转至 ${n('toId')}`;
    }
    default:
      return JSON.stringify(item);
  }
}
