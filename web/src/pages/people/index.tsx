/** 人员: the roster with search and filters; ID numbers masked unless the role may see them (and every look is audited). */
import { App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { quotaCategories, quotaCategoryLabels } from '../../../../src/domain/vocabulary.js';
import { call, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import {
  MovementDialog,
  movementColumn,
  type MovementAction,
  type MovementPerson,
} from '../../components/movement-dialog';
import { PagedTable, usePagedQuery } from '../../components/paged-table';
import { ParamSelect } from '../../components/filter-select';
import { useInstitutionNames, useParam } from '../../hooks';
import type { PersonRow } from '../../types';
import { PersonDrawer, type Unmasked } from './person-drawer';

export function PeoplePage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [institutionId] = useParam('institutionId');
  const [category] = useParam('category', quotaCategories);
  const [q, setQ] = useParam('q');
  const names = useInstitutionNames();
  const people = usePagedQuery({
    queryKey: ['people', institutionId ?? '', category ?? '', q ?? ''],
    pageSize: 50,
    pageInUrl: true,
    fetchPage: (p) => call('GET /api/people', { query: { institutionId, category, q, ...p } }),
  });
  const [openId, setOpenId] = useState<string>();
  const [movement, setMovement] = useState<{ action: MovementAction; person?: MovementPerson }>();
  // the whole number and the birth date come together from an audited unmask
  const [unmasked, setUnmasked] = useState<Unmasked>({});
  const unmask = async (id: string) => {
    try {
      const p = await call('GET /api/people/:id', { params: { id }, query: { unmask: 'true' } });
      setUnmasked((u) => ({ ...u, [id]: { idNumber: p.idNumber, birthDate: p.birthDate } }));
      message.info('已显示完整身份证号,此次查看已记入审计日志');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Card
      title="实名制人员"
      data-testid="people-page"
      extra={
        can('applyAdjustments') && (
          <Button type="primary" onClick={() => setMovement({ action: 'enter' })} data-testid="person-enter">
            入编
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={can('unmaskIdNumbers') ? '姓名或身份证号开头' : '姓名'}
          allowClear
          defaultValue={q}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 240 }}
          data-testid="people-search"
        />
        <ParamSelect param="institutionId" placeholder="所在机构" width={260} options={names.options()} search />
        <ParamSelect
          param="category"
          placeholder="编制类别"
          width={180}
          values={quotaCategories}
          labels={quotaCategoryLabels}
        />
        <Typography.Text type="secondary">
          共 <span data-testid="people-total">{people.query.data?.total ?? '…'}</span> 人
        </Typography.Text>
      </Space>
      <PagedTable
        paged={people}
        data-testid="people-table"
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (n: string, r: PersonRow) => <a onClick={() => setOpenId(r.id)}>{n}</a>,
          },
          {
            title: '公民身份号码',
            dataIndex: 'idNumber',
            render: (v: string, r: PersonRow) => (
              <Space>
                <span style={{ fontFamily: 'monospace' }} data-testid={`id-${r.id}`}>
                  {unmasked[r.id]?.idNumber ?? v}
                </span>
                {can('unmaskIdNumbers') && !unmasked[r.id] && (
                  <Button size="small" type="link" onClick={() => unmask(r.id)} data-testid="unmask">
                    显示完整号码
                  </Button>
                )}
              </Space>
            ),
          },
          { title: '性别', dataIndex: 'gender', width: 60 },
          { title: '年龄', dataIndex: 'age', width: 60 },
          { title: '学历', dataIndex: 'education' },
          { title: '职称', dataIndex: 'titleLevel' },
          {
            title: '所在机构',
            dataIndex: 'institutionId',
            render: (id: string) => <Link to={`/institutions/${id}`}>{names.nameOf(id)}</Link>,
          },
          { title: '编制类别', dataIndex: 'categoryLabel' },
          { title: '职务', dataIndex: 'post' },
          {
            title: '领导职务',
            dataIndex: 'leadershipLevel',
            render: (l: string | null) => (l ? <Tag color="red">{l}</Tag> : ''),
          },
          ...(can('applyAdjustments') ? [movementColumn((action, person) => setMovement({ action, person }))] : []),
        ]}
      />
      <MovementDialog
        action={movement?.action}
        person={movement?.person}
        institutionId={institutionId}
        onClose={() => setMovement(undefined)}
      />
      <PersonDrawer openId={openId} onClose={() => setOpenId(undefined)} unmasked={unmasked} nameOf={names.nameOf} />
    </Card>
  );
}
