/** An institution's 职能 tab: its duties (三定 and 权责清单), 20 a page. */
import { Tag } from 'antd';
import { call } from '../../api';
import { PagedTable, usePagedQuery } from '../../components/paged-table';

export function DutyList({ institutionId }: { institutionId: string }) {
  const duties = usePagedQuery({
    queryKey: ['duties', institutionId],
    pageSize: 20,
    fetchPage: (p) => call('GET /api/duties', { query: { institutionId, ...p } }),
  });
  return (
    <PagedTable
      paged={duties}
      columns={[
        { title: '来源', dataIndex: 'sourceLabel', width: 90 },
        { title: '类别', dataIndex: 'category', width: 90 },
        { title: '事项', dataIndex: 'title' },
        { title: '领域', dataIndex: 'domains', render: (d: string[]) => d.map((x) => <Tag key={x}>{x}</Tag>) },
        { title: '牵头/配合', dataIndex: 'roleLabel', width: 80 },
      ]}
    />
  );
}
