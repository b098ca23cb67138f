/** The list of 编制事项, newest first, filtered by status; 新建编制事项 for those who may draft. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { call } from '../../api';
import { useAuth } from '../../auth';
import { FilterSelect } from '../../components/filter-select';
import { QueryTable } from '../../components/paged-table';
import { statusColors } from '../../components/ui';
import type { Adjustment } from '../../types';

export function AdjustmentList() {
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
          <FilterSelect
            placeholder="状态"
            width={120}
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
      <QueryTable
        query={q}
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
