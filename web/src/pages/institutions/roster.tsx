/** An institution's 人员 tab: its roster as of the chosen date, 20 a page, with 入编/调动/任免/出编 for the 编办. */
import { Button } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { useAuth } from '../../auth';
import {
  MovementDialog,
  movementColumn,
  type MovementAction,
  type MovementPerson,
} from '../../components/movement-dialog';
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
  const { can } = useAuth();
  const [movement, setMovement] = useState<{ action: MovementAction; person?: MovementPerson }>();
  // movements are recorded as of today: offered on today's roster only
  const acts = can('applyAdjustments') && !asOf;
  return (
    <>
      {acts && (
        <Button
          type="primary"
          style={{ marginBottom: 12 }}
          onClick={() => setMovement({ action: 'enter' })}
          data-testid="roster-enter"
        >
          入编
        </Button>
      )}
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
          ...(acts ? [movementColumn((action, person) => setMovement({ action, person }))] : []),
        ]}
      />
      <MovementDialog
        action={movement?.action}
        person={movement?.person}
        institutionId={institutionId}
        onClose={() => setMovement(undefined)}
      />
    </>
  );
}
