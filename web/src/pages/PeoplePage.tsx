/** 人员: the roster with search and filters; ID numbers masked unless the role may see them (and every look is audited). */
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { quotaCategories, quotaCategoryLabels } from '../../../src/domain/vocabulary.js';
import { call, errorMessage } from '../api';
import { useAuth } from '../auth';
import { useInstitutionNames, useParam } from '../hooks';
import type { PersonRow } from '../types';
import { ErrorAlert } from '../ui';

export function PeoplePage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [institutionId, setInstitutionId] = useParam('institutionId');
  const [category, setCategory] = useParam('category', quotaCategories);
  const [q, setQ] = useParam('q');
  const [pageParam, setPage] = useParam('page');
  const page = Number(pageParam ?? 1);
  const names = useInstitutionNames();
  const people = useQuery({
    queryKey: ['people', institutionId ?? '', category ?? '', q ?? '', page],
    queryFn: () => call('GET /api/people', { query: { institutionId, category, q, page, pageSize: 50 } }),
  });
  const [openId, setOpenId] = useState<string>();
  // the whole number and the birth date come together from an audited unmask
  const [unmasked, setUnmasked] = useState<Record<string, { idNumber: string; birthDate: string | null }>>({});
  const person = useQuery({
    queryKey: ['person', openId],
    queryFn: () => call('GET /api/people/:id', { params: { id: openId! } }),
    enabled: !!openId,
  });
  const unmask = async (id: string) => {
    try {
      const p = await call('GET /api/people/:id', { params: { id }, query: { unmask: 'true' } });
      setUnmasked((u) => ({ ...u, [id]: { idNumber: p.idNumber, birthDate: p.birthDate } }));
      message.info('已显示完整身份证号,此次查看已记入审计日志');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const institutionOptions = (names.data?.items ?? [])
    .filter((i) => i.status === 'active' && i.kind !== 'internal_unit')
    .map((i) => ({ value: i.id, label: i.name }));

  return (
    <Card title="实名制人员" data-testid="people-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={can('unmaskIdNumbers') ? '姓名或身份证号开头' : '姓名'}
          allowClear
          defaultValue={q}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 240 }}
          data-testid="people-search"
        />
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder="所在机构"
          style={{ width: 260 }}
          value={institutionId}
          onChange={(v) => setInstitutionId(v)}
          options={institutionOptions}
        />
        <Select
          allowClear
          placeholder="编制类别"
          style={{ width: 180 }}
          value={category}
          onChange={(v) => setCategory(v)}
          options={quotaCategories.map((c) => ({ value: c, label: quotaCategoryLabels[c] }))}
        />
        <Typography.Text type="secondary">
          共 <span data-testid="people-total">{people.data?.total ?? '…'}</span> 人
        </Typography.Text>
      </Space>
      <ErrorAlert error={people.error} />
      <Table
        size="small"
        rowKey="id"
        loading={people.isLoading}
        dataSource={people.data?.items}
        data-testid="people-table"
        pagination={{
          current: page,
          pageSize: 50,
          total: people.data?.total,
          showSizeChanger: false,
          onChange: (p) => setPage(p === 1 ? undefined : String(p)),
        }}
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
        ]}
      />
      <Drawer title="人员档案" open={!!openId} onClose={() => setOpenId(undefined)} size={560}>
        <ErrorAlert error={person.error} />
        {person.data && (
          <>
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label="姓名">{person.data.name}</Descriptions.Item>
              <Descriptions.Item label="公民身份号码">
                <span style={{ fontFamily: 'monospace' }}>
                  {unmasked[person.data.id]?.idNumber ?? person.data.idNumber}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="性别">{person.data.gender}</Descriptions.Item>
              <Descriptions.Item label={unmasked[person.data.id] ? '出生日期' : '年龄'}>
                {unmasked[person.data.id]?.birthDate ?? person.data.age}
              </Descriptions.Item>
              <Descriptions.Item label="学历/学位">
                {person.data.education} {person.data.degree}
              </Descriptions.Item>
              <Descriptions.Item label="职称">{person.data.titleLevel}</Descriptions.Item>
              <Descriptions.Item label="政治面貌">{person.data.politicalStatus}</Descriptions.Item>
              <Descriptions.Item label="参加工作时间">{person.data.joinedWorkOn}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              任职与编制
            </Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.institutionId}|${r.startOn}`}
              dataSource={person.data.assignments}
              columns={[
                { title: '机构', dataIndex: 'institutionId', render: (id: string) => names.nameOf(id) },
                { title: '编制', dataIndex: 'categoryLabel' },
                { title: '职务', dataIndex: 'post' },
                { title: '起', dataIndex: 'startOn' },
                { title: '止', dataIndex: 'endOn' },
              ]}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}
