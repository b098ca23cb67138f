/** 编制事项: drafts with one form per kind of change, the diff before it is carried out, submit → approve → apply. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Divider,
  Empty,
  Input,
  Select,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { adjustmentDraftSchema } from '../../../src/domain/ledger.js';
import { postClassLabels, quotaCategoryLabels } from '../../../src/domain/vocabulary.js';
import { call, errorMessage, etagOf } from '../api';
import { useAuth } from '../auth';
import { useInstitutionNames, useParam } from '../hooks';
import type { Adjustment, AdjustmentItem, RegistryDiff } from '../types';
import { ErrorAlert, formatDateTime, statusColors } from '../ui';
import {
  describeItem,
  fromItem,
  ItemFields,
  draftProblem,
  newItem,
  opLabels,
  toItem,
  type DraftItem,
} from './adjustment-items';

export function AdjustmentsPage() {
  const { id } = useParams();
  if (id === 'new') return <DraftForm />;
  if (id) return <AdjustmentFile id={id} />;
  return <AdjustmentList />;
}

function AdjustmentList() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['adjustments'], queryFn: () => call('GET /api/adjustments') });
  const [status, setStatus] = useState<string>();
  const items = (q.data?.items ?? []).filter((a) => !status || a.status === status);
  return (
    <Card
      title="编制事项"
      data-testid="adjustments-page"
      extra={
        <Space>
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={status}
            onChange={setStatus}
            options={Object.entries({
              draft: '草稿',
              submitted: '已提交',
              approved: '已批准',
              applied: '已执行',
              rejected: '已驳回',
            }).map(([value, label]) => ({ value, label }))}
          />
          {can('draftAdjustments') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/adjustments/new')}
              data-testid="new-adjustment"
            >
              新建编制事项
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={q.error} />
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={[...items].reverse()}
        columns={[
          {
            title: '文号',
            dataIndex: 'docNumber',
            render: (d: string, a: Adjustment) => <Link to={`/adjustments/${a.id}`}>{d}</Link>,
          },
          { title: '标题', dataIndex: 'title' },
          { title: '生效日期', dataIndex: 'effectiveOn', width: 110 },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 90,
            render: (l: string, a: Adjustment) => <Tag color={statusColors[a.status]}>{l}</Tag>,
          },
          { title: '拟稿人', dataIndex: 'createdByLabel', width: 130 },
          { title: '审批人', dataIndex: 'decidedByLabel', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

type AdjustmentFileData = Adjustment & { items: AdjustmentItem[] };

/** A new draft, or (given `existing`) the draft being edited: saved with If-Match, so a draft changed meanwhile is refused. */
function DraftForm({ existing }: { existing?: AdjustmentFileData }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const names = useInstitutionNames();
  const [docNumber, setDocNumber] = useState(existing?.docNumber ?? '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [effectiveOn, setEffectiveOn] = useState(existing?.effectiveOn ?? dayjs().format('YYYY-MM-DD'));
  const [items, setItems] = useState<DraftItem[]>(() =>
    existing ? existing.items.map(fromItem) : [newItem('set_quota')],
  );
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const options = (names.data?.items ?? [])
    .filter((i) => i.status === 'active')
    .map((i) => ({ value: i.id, label: names.nameOf(i.id) }));
  const save = async () => {
    const draft = { docNumber, title, effectiveOn, items: items.map(toItem) };
    const missing = draftProblem(draft);
    if (missing) {
      setError(missing);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const body = adjustmentDraftSchema.parse(draft);
      const a = existing
        ? await call('PATCH /api/adjustments/:id', { params: { id: existing.id }, body, ifMatch: etagOf(existing) })
        : await call('POST /api/adjustments', { body });
      message.success('草稿已保存');
      await client.invalidateQueries({ queryKey: ['adjustments'] });
      if (existing) await client.invalidateQueries({ queryKey: ['adjustment', existing.id] });
      navigate(`/adjustments/${a.id}`, { replace: !!existing });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={existing ? `修改草稿:${existing.docNumber}` : '新建编制事项'} data-testid="draft-form">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Input
            addonBefore="文号"
            placeholder="如 示编〔2026〕12号"
            value={docNumber}
            onChange={(e) => setDocNumber(e.target.value)}
            style={{ width: 280 }}
            data-testid="doc-number"
          />
          <Input
            addonBefore="标题"
            placeholder="关于……的批复"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            style={{ width: 420 }}
            data-testid="doc-title"
          />
          <span>生效日期</span>
          <DatePicker
            value={dayjs(effectiveOn)}
            allowClear={false}
            onChange={(d) => d && setEffectiveOn(d.format('YYYY-MM-DD'))}
            data-testid="effective-on"
          />
        </Space>
        <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
          调整事项
        </Divider>
        {items.map((item, index) => (
          <Card size="small" key={item.key} data-testid={`item-${index}`}>
            <Space align="start" wrap>
              <b>{index + 1}.</b>
              <Select
                style={{ width: 150 }}
                value={item.op}
                onChange={(op) =>
                  setItems((xs) => xs.map((x) => (x.key === item.key ? { ...newItem(op), key: x.key } : x)))
                }
                options={Object.entries(opLabels).map(([value, label]) => ({ value, label }))}
                data-testid="item-op"
              />
              <ItemFields
                item={item}
                options={options}
                set={(patch) => setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, ...patch } : x)))}
              />
              {items.length > 1 && (
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => setItems((xs) => xs.filter((x) => x.key !== item.key))}
                />
              )}
            </Space>
          </Card>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setItems((xs) => [...xs, newItem('set_quota')])}>
          增加一项
        </Button>
        {error && <Alert type="error" showIcon title={error} data-testid="draft-error" />}
        <Space>
          <Button type="primary" loading={busy} onClick={save} data-testid="save-draft">
            保存草稿
          </Button>
          <Button onClick={() => navigate(existing ? `/adjustments/${existing.id}` : '/adjustments')}>取消</Button>
        </Space>
      </Space>
    </Card>
  );
}

function AdjustmentFile({ id }: { id: string }) {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const names = useInstitutionNames();
  const [editing, setEditing] = useParam('edit');
  const q = useQuery({
    queryKey: ['adjustment', id],
    queryFn: () => call('GET /api/adjustments/:id', { params: { id } }),
  });
  const a = q.data;
  const preview = useQuery({
    queryKey: ['adjustment-preview', id, a?.version],
    queryFn: () => call('GET /api/adjustments/:id/preview', { params: { id } }),
    enabled: !!a && a.status !== 'rejected',
  });
  const [busy, setBusy] = useState<string>();
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!a) return <Skeleton active />;
  if (editing && a.status === 'draft') return <DraftForm key={a.version} existing={a} />;
  const diff = preview.data?.diff;
  const run = async (action: 'submit' | 'approve' | 'reject' | 'apply', label: string) => {
    setBusy(action);
    try {
      await call(`POST /api/adjustments/:id/${action}`, { params: { id }, ifMatch: etagOf(a) });
      message.success(`已${label}`);
      if (action === 'apply') await client.invalidateQueries();
      else {
        await client.invalidateQueries({ queryKey: ['adjustment', id] });
        await client.invalidateQueries({ queryKey: ['adjustments'] });
      }
    } catch (e) {
      modal.error({ title: `${label}失败`, content: errorMessage(e) });
      await q.refetch();
    } finally {
      setBusy(undefined);
    }
  };
  /** 提交, 批准 and 执行 are asked once more, with what the 编制事项 will change; 驳回 goes straight. */
  const act = async (action: 'submit' | 'approve' | 'reject' | 'apply', label: string) => {
    if (action === 'reject') return void run(action, label);
    // the dialog shows the change: wait for it when the button is pressed before the preview has arrived
    const shown = diff ?? (await preview.refetch()).data?.diff;
    const consequence = {
      submit: '提交后草稿不能再修改,交由编委审批。',
      approve: '批准后即可由编办执行;执行前仍可驳回。',
      apply: '执行后机构、编制和领导职数按下表改变,并记入机构沿革;此操作不能撤回。',
    }[action];
    modal.confirm({
      title: `确认${label}编制事项"${a.docNumber}"?`,
      width: 720,
      okText: `确认${label}`,
      cancelText: '取消',
      okButtonProps: { danger: action === 'apply', 'data-testid': 'confirm-ok' } as ButtonProps,
      content: (
        <div data-testid="confirm-dialog">
          <p>{consequence}</p>
          <Typography.Text strong>执行后的变化</Typography.Text>
          {shown ? (
            <DiffView diff={shown} />
          ) : (
            <ErrorAlert error={preview.error ?? new Error('变化未能算出,请刷新后重试')} />
          )}
        </div>
      ),
      onOk: () => run(action, label),
    });
  };
  const stepOf: Record<string, number> = { draft: 0, submitted: 1, approved: 2, applied: 3, rejected: 2 };
  return (
    <Card
      data-testid="adjustment-file"
      title={
        <Space>
          <Link to="/adjustments">编制事项</Link>/<span>{a.docNumber}</span>
          <Tag color={statusColors[a.status]} data-testid="adjustment-status">
            {a.statusLabel}
          </Tag>
        </Space>
      }
      extra={
        <Space>
          {a.status === 'draft' && can('draftAdjustments') && (
            <Button onClick={() => setEditing('1')} data-testid="edit-draft">
              修改草稿
            </Button>
          )}
          {a.status === 'draft' && can('draftAdjustments') && (
            <Button
              type="primary"
              loading={busy === 'submit'}
              onClick={() => void act('submit', '提交审批')}
              data-testid="submit"
            >
              提交审批
            </Button>
          )}
          {a.status === 'submitted' && can('decideAdjustments') && (
            <>
              <Button
                type="primary"
                loading={busy === 'approve'}
                onClick={() => void act('approve', '批准')}
                data-testid="approve"
              >
                批准
              </Button>
              <Button
                danger
                loading={busy === 'reject'}
                onClick={() => void act('reject', '驳回')}
                data-testid="reject"
              >
                驳回
              </Button>
            </>
          )}
          {a.status === 'approved' && can('applyAdjustments') && (
            <Button
              type="primary"
              danger
              loading={busy === 'apply'}
              onClick={() => void act('apply', '执行')}
              data-testid="apply"
            >
              执行
            </Button>
          )}
        </Space>
      }
    >
      <Steps
        size="small"
        current={stepOf[a.status]}
        status={a.status === 'rejected' ? 'error' : undefined}
        style={{ marginBottom: 24 }}
        items={[
          { title: '草稿' },
          { title: '已提交' },
          { title: a.status === 'rejected' ? '已驳回' : '已批准' },
          { title: '已执行' },
        ]}
      />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="文号">{a.docNumber}</Descriptions.Item>
        <Descriptions.Item label="标题">{a.title}</Descriptions.Item>
        <Descriptions.Item label="生效日期">{a.effectiveOn}</Descriptions.Item>
        <Descriptions.Item label="拟稿人">{a.createdByLabel}</Descriptions.Item>
        <Descriptions.Item label="审批人">{a.decidedByLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="执行时间">{formatDateTime(a.appliedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        调整事项
      </Typography.Title>
      <ol data-testid="adjustment-items">
        {a.items.map((item, i) => (
          <li key={i}>
            <Tag>{item.opLabel ?? item.op}</Tag>
            {describeItem(item, names.nameOf)}
          </li>
        ))}
      </ol>
      {a.status !== 'rejected' && (
        <>
          <Typography.Title level={5}>{a.status === 'applied' ? '执行带来的变化' : '执行后的变化'}</Typography.Title>
          <ErrorAlert error={preview.error} />
          {diff && <DiffView diff={diff} />}
        </>
      )}
    </Card>
  );
}

function DiffView({ diff }: { diff: RegistryDiff }) {
  const empty =
    !diff.created.length && !diff.abolished.length && !diff.changed.length && !diff.quotas.length && !diff.posts.length;
  if (empty) return <Empty description="执行后机构编制没有变化" />;
  const arrow = (b: number, a: number) => (
    <span>
      {b} → <b style={{ color: a > b ? '#389e0d' : '#cf1322' }}>{a}</b>({a > b ? '+' : ''}
      {a - b})
    </span>
  );
  return (
    <div data-testid="diff">
      {diff.created.length > 0 && (
        <p>
          新设:
          {diff.created.map((n) => (
            <Tag color="green" key={n}>
              {n}
            </Tag>
          ))}
        </p>
      )}
      {diff.abolished.length > 0 && (
        <p>
          撤销:
          {diff.abolished.map((n) => (
            <Tag color="red" key={n}>
              {n}
            </Tag>
          ))}
        </p>
      )}
      {diff.changed.length > 0 && (
        <p>
          变更:
          {diff.changed.map((n) => (
            <Tag color="blue" key={n}>
              {n}
            </Tag>
          ))}
        </p>
      )}
      {diff.quotas.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.institution}|${r.category}`}
          dataSource={diff.quotas}
          columns={[
            { title: '机构', dataIndex: 'institution' },
            {
              title: '编制类别',
              dataIndex: 'category',
              render: (c: string) => quotaCategoryLabels[c as keyof typeof quotaCategoryLabels] ?? c,
            },
            { title: '核定编制', key: 'n', render: (_: unknown, r) => arrow(r.before, r.after) },
          ]}
        />
      )}
      {diff.posts.length > 0 && (
        <Table
          style={{ marginTop: 8 }}
          size="small"
          pagination={false}
          rowKey={(r) => `${r.institution}|${r.level}|${r.postClass}`}
          dataSource={diff.posts}
          columns={[
            { title: '机构', dataIndex: 'institution' },
            { title: '层级', dataIndex: 'level' },
            {
              title: '类别',
              dataIndex: 'postClass',
              render: (c: string) => postClassLabels[c as keyof typeof postClassLabels] ?? c,
            },
            { title: '领导职数', key: 'n', render: (_: unknown, r) => arrow(r.before, r.after) },
          ]}
        />
      )}
    </div>
  );
}
