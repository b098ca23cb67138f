/** An institution's 人员 tab: its roster as of the chosen date, 20 a page. */
import { call } from '../../api';
import { PagedTable, usePagedQuery } from '../../components/paged-table';

export function Roster({
  institutionId,
  asOf,
  nameOf,
}: {
  institutionId: string;
  asOf?: string;
  nameOf: (id: string | null) => string;
}) {
  const people = usePagedQuery({
    queryKey: ['people', institutionId, asOf ?? ''],
    pageSize: 20,
    fetchPage: (p) => call('GET /api/people', { query: { institutionId, asOf, ...p } }),
  });
  return (
    <PagedTable
      paged={people}
      totalText={(t) => `共 ${t} 人`}
      columns={[
        { title: '姓名', dataIndex: 'name' },
        { title: '性别', dataIndex: 'gender' },
        { title: '年龄', dataIndex: 'age' },
        { title: '学历', dataIndex: 'education' },
        { title: '编制类别', dataIndex: 'categoryLabel' },
        {
          title: '内设机构',
          dataIndex: 'unitId',
          render: (u: string | null) => (u ? nameOf(u).split('/').pop() : ''),
        },
        { title: '职务', dataIndex: 'post' },
        { title: '领导职务', dataIndex: 'leadershipLevel' },
      ]}
    />
  );
}
