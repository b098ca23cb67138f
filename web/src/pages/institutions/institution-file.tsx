/** One institution's file: its facts, quota and posts, roster, duties, workload and 沿革 (the 编制事项 that touched it). */
import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Space, Table, Tabs, Tag, Timeline } from 'antd';
import { Link } from 'react-router';
import { call } from '../../api';
import { ErrorAlert, KindTag, statusColors } from '../../components/ui';
import { useInstitutionNames } from '../../hooks';
import { DutyList } from './duty-list';
import { InstitutionFacts } from './institution-facts';
import { QuotaAndPosts } from './quota-and-posts';
import { Roster } from './roster';

export function InstitutionFile({ id, asOf }: { id: string; asOf?: string }) {
  const detail = useQuery({
    queryKey: ['institution', id, asOf ?? ''],
    queryFn: () => call('GET /api/institutions/:id', { params: { id }, query: { asOf } }),
  });
  const history = useQuery({
    queryKey: ['institution-history', id],
    queryFn: () => call('GET /api/institutions/:id/history', { params: { id } }),
  });
  const names = useInstitutionNames(asOf);
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const d = detail.data;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;
  const i = d.institution;
  return (
    <Card
      data-testid="institution-file"
      title={
        <Space wrap>
          <span data-testid="institution-name">{i.name}</span>
          <KindTag kind={i.kind} label={i.kindLabel} />
          {i.rank && <Tag>{i.rank}</Tag>}
          {i.status === 'abolished' && <Tag color="default">已撤销 {i.abolishedOn}</Tag>}
        </Space>
      }
    >
      <Tabs
        items={[
          { key: 'facts', label: '基本情况', children: <InstitutionFacts d={d} /> },
          { key: 'quota', label: '编制与职数', children: <QuotaAndPosts d={d} asOf={asOf} /> },
          { key: 'people', label: '人员', children: <Roster institutionId={id} asOf={asOf} nameOf={names.nameOf} /> },
          { key: 'duties', label: `职能(${d.dutyCount})`, children: <DutyList institutionId={id} /> },
          {
            key: 'workload',
            label: '工作量',
            children: (
              <Table
                size="small"
                rowKey={(r) => `${r.year}|${r.indicator}`}
                pagination={false}
                dataSource={d.workload}
                locale={{ emptyText: '尚无工作量数据' }}
                columns={[
                  { title: '年度', dataIndex: 'year' },
                  { title: '指标', dataIndex: 'indicator' },
                  {
                    title: '数值',
                    dataIndex: 'value',
                    align: 'right',
                    render: (v: number) => v.toLocaleString('zh-CN'),
                  },
                ]}
              />
            ),
          },
          {
            key: 'history',
            label: '沿革',
            children: history.error ? (
              <ErrorAlert error={history.error} />
            ) : (
              <Timeline
                data-testid="history"
                items={(history.data?.items ?? []).map((a) => ({
                  color: a.status === 'applied' ? 'green' : a.status === 'rejected' ? 'red' : 'blue',
                  content: (
                    <div>
                      <b>{a.effectiveOn}</b> <Link to={`/adjustments/${a.id}`}>{a.docNumber}</Link> {a.title}{' '}
                      <Tag color={statusColors[a.status]}>{a.statusLabel}</Tag>
                    </div>
                  ),
                }))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
