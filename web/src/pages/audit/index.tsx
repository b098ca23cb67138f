/** 审计日志: the latest audit events and whether the hash chain verifies. */
import { useQuery } from '@tanstack/react-query';
import { Card, Tag } from 'antd';
import { call } from '../../api';
import { QueryTable } from '../../components/paged-table';
import { formatDateTime } from '../../components/ui';
import type { AuditRow } from '../../types';

export function AuditPage() {
  const q = useQuery({ queryKey: ['audit'], queryFn: () => call('GET /api/audit', { query: { limit: 200 } }) });
  const verify = useQuery({
    queryKey: ['audit-verify'],
    queryFn: () => call('GET /api/audit/verify'),
  });
  return (
    <Card
      title="审计日志"
      data-testid="audit-page"
      extra={
        verify.data &&
        (verify.data.ok ? <Tag color="success">哈希链校验通过</Tag> : <Tag color="error">哈希链校验失败</Tag>)
      }
    >
      <QueryTable
        query={q}
        rowKey="seq"
        dataSource={q.data?.items}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
          { title: '操作人', dataIndex: 'actorLabel', width: 200 },
          { title: '操作', dataIndex: 'actionLabel', width: 200 },
          { title: '对象类别', dataIndex: 'entityLabel', width: 130 },
          {
            title: '对象',
            key: 'object',
            ellipsis: true,
            // a name where it still resolves; the bare id otherwise (a deleted row), never a UUID beside a name
            render: (_: unknown, e: AuditRow) => e.entityName ?? e.entityId ?? '—',
          },
        ]}
      />
    </Card>
  );
}
