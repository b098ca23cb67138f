/**
 * 用编审批: the requests within the user's reach (a reporter: its own unit's), drafting, 提交 (the vacancy checked),
 * 核准 (approvers), 撤回, and the 核准通知单 (.docx) of an approval; the units' vacancy figures beside them.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, errorMessage, urlOf } from '../../api';
import { useAuth } from '../../auth';
import type { StaffingRequest } from '../../types';
import { ErrorAlert } from '../../components/ui';
import { RequestForm, vacancyText } from './request-form';
import { VacancyTable } from './vacancy-table';

const stateColors: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  used: 'default',
  expired: 'warning',
  withdrawn: 'error',
};

export const staffingQuery = { queryKey: ['staffing', 'requests'], queryFn: () => call('GET /api/staffing/requests') };
export const staffingOverviewQuery = {
  queryKey: ['staffing', 'overview'],
  queryFn: () => call('GET /api/staffing/overview'),
};

export function StaffingPage() {
  const { me, can } = useAuth();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const requests = useQuery(staffingQuery);
  const overview = useQuery(staffingOverviewQuery);
  const [drafting, setDrafting] = useState(false);
  const [withdrawing, setWithdrawing] = useState<StaffingRequest>();
  const [reason, setReason] = useState('');

  const act = useMutation({
    mutationFn: async ({ r, action }: { r: StaffingRequest; action: 'submit' | 'approve' | 'withdraw' }) => {
      if (action === 'withdraw') {
        return call('POST /api/staffing/requests/:id/withdraw', { params: { id: r.id }, body: { reason } });
      }
      const key =
        action === 'submit' ? 'POST /api/staffing/requests/:id/submit' : 'POST /api/staffing/requests/:id/approve';
      return call(key, { params: { id: r.id } });
    },
    onSuccess: async (r) => {
      message.success(
        r.state === 'approved' ? `已核准,文号 ${r.docNumber},有效期至 ${r.expiresOn}` : `用编申请${r.stateLabel}`,
      );
      setWithdrawing(undefined);
      setReason('');
      await client.invalidateQueries({ queryKey: ['staffing'] });
      await client.invalidateQueries({ queryKey: ['statistics'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  /** 提交/核准 ask first, with the unit's vacancy as the server will check it. */
  const confirm = (r: StaffingRequest, action: 'submit' | 'approve') => {
    const row = overview.data?.rows.find((x) => x.institutionId === r.institutionId && x.category === r.category);
    const v = vacancyText(row, r.count);
    modal.confirm({
      title: action === 'submit' ? '提交用编申请' : '核准用编申请',
      content: (
        <div data-testid="staffing-confirm">
          <p>
            {r.institutionName}
            {r.categoryLabel}
            {r.count}名({r.channelLabel})
          </p>
          <p>空编核查:{v.text}</p>
          {action === 'approve' && <p>核准后编号、有效期6个月,并占用空编至入编、过期或撤回。</p>}
        </div>
      ),
      okText: action === 'submit' ? '提交' : '核准',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'staffing-confirm-ok' } as Record<`data-${string}`, string>,
      onOk: () => act.mutateAsync({ r, action }).catch(() => undefined),
    });
  };

  const mayWithdraw = (r: StaffingRequest) =>
    can('draftAdjustments') &&
    ['draft', 'submitted', 'approved'].includes(r.state) &&
    (me?.user.role !== 'reporter' || r.draftedBy === me.user.username);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="staffing-page">
      <Card
        title="用编申请与核准"
        extra={
          can('draftAdjustments') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)} data-testid="staffing-new">
              起草用编申请
            </Button>
          )
        }
      >
        <ErrorAlert error={requests.error} />
        <Table
          size="small"
          rowKey="id"
          loading={requests.isLoading}
          dataSource={requests.data?.items}
          data-testid="staffing-table"
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: '文号', dataIndex: 'docNumber', render: (v: string | null) => v ?? '—' },
            { title: '用编单位', dataIndex: 'institutionName' },
            { title: '编制类别', dataIndex: 'categoryLabel' },
            { title: '名额', dataIndex: 'count', align: 'right' },
            { title: '已入编', dataIndex: 'used', align: 'right' },
            { title: '补充渠道', dataIndex: 'channelLabel' },
            {
              title: '状态',
              dataIndex: 'stateLabel',
              render: (l: string, r: StaffingRequest) => (
                <Tag color={stateColors[r.state]} data-testid="staffing-state">
                  {l}
                  {r.replacement ? '(出一进一)' : ''}
                </Tag>
              ),
            },
            { title: '有效期至', dataIndex: 'expiresOn', render: (v: string | null) => v ?? '—' },
            { title: '起草人', dataIndex: 'draftedBy' },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r: StaffingRequest) => (
                <Space size="small" wrap>
                  {r.state === 'draft' && can('draftAdjustments') && mayWithdraw(r) && (
                    <Button size="small" onClick={() => confirm(r, 'submit')} data-testid="staffing-submit">
                      提交
                    </Button>
                  )}
                  {r.state === 'submitted' && can('decideAdjustments') && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => confirm(r, 'approve')}
                      data-testid="staffing-approve"
                    >
                      核准
                    </Button>
                  )}
                  {r.status === 'approved' && (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      href={urlOf('GET /api/staffing/approvals/:id/notice.docx', { params: { id: r.id } })}
                      download
                      data-testid="staffing-notice"
                    >
                      核准通知单
                    </Button>
                  )}
                  {mayWithdraw(r) && (
                    <Button size="small" danger onClick={() => setWithdrawing(r)} data-testid="staffing-withdraw">
                      撤回
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
          expandable={{
            expandedRowRender: (r: StaffingRequest) => (
              <Typography.Paragraph style={{ margin: 0 }}>
                用编理由:{r.reason}
                {r.withdrawnReason ? `;撤回理由:${r.withdrawnReason}` : ''}
                {r.approvedBy ? `;核准人:${r.approvedBy}(${r.approvedOn})` : ''}
              </Typography.Paragraph>
            ),
          }}
        />
      </Card>
      <VacancyTable overview={overview.data} error={overview.error} loading={overview.isLoading} />
      <RequestForm open={drafting} onClose={() => setDrafting(false)} overview={overview.data} />
      <Modal
        title="撤回用编申请"
        open={!!withdrawing}
        onCancel={() => setWithdrawing(undefined)}
        onOk={() => withdrawing && act.mutate({ r: withdrawing, action: 'withdraw' })}
        okText="撤回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: act.isPending }}
      >
        <p>撤回后{withdrawing?.state === 'approved' ? '核准所占的空编即释放,' : ''}不能再提交或据以入编。</p>
        <Input.TextArea
          rows={3}
          placeholder="撤回理由"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="staffing-withdraw-reason"
        />
      </Modal>
    </Space>
  );
}
