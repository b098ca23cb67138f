/** One 编制事项: its items, what carrying it out changes, and the step its status allows (submit, approve or reject, apply). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, errorMessage, etagOf } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert, formatDateTime, statusColors } from '../../components/ui';
import { useInstitutionNames, useParam } from '../../hooks';
import { describeItem } from '../../components/ledger-items/describe-item';
import type { RegistryDiff } from '../../types';
import { DiffView } from './diff-view';
import { DraftForm, evaluationWarning } from './draft-form';

/** Whether carrying it out sets up or abolishes an institution, or raises quota or posts (what needs an evaluation). */
const raises = (d: RegistryDiff) =>
  d.created.length > 0 ||
  d.abolished.length > 0 ||
  d.quotas.some((q) => q.after > q.before) ||
  d.posts.some((p) => p.after > p.before);

export function AdjustmentFile({ id }: { id: string }) {
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
          {action === 'submit' && !a.evaluation?.trim() && shown && raises(shown) && (
            <Alert type="warning" showIcon title={evaluationWarning} data-testid="submit-evaluation-warning" />
          )}
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
  /** The button of a step: its label is the action's name in the dialog and the message, its test id the action. */
  const step = (action: 'submit' | 'approve' | 'reject' | 'apply', label: string, look: ButtonProps) => (
    <Button {...look} loading={busy === action} onClick={() => void act(action, label)} data-testid={action}>
      {label}
    </Button>
  );
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
          {a.status === 'draft' && can('draftAdjustments') && step('submit', '提交审批', { type: 'primary' })}
          {a.status === 'submitted' && can('decideAdjustments') && (
            <>
              {step('approve', '批准', { type: 'primary' })}
              {step('reject', '驳回', { danger: true })}
            </>
          )}
          {a.status === 'approved' &&
            can('applyAdjustments') &&
            step('apply', '执行', { type: 'primary', danger: true })}
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
        <Descriptions.Item label="必要性和依据（申请事项评估）" span={2}>
          <span data-testid="adjustment-evaluation" style={{ whiteSpace: 'pre-wrap' }}>
            {a.evaluation?.trim() || '未填写'}
          </span>
        </Descriptions.Item>
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
