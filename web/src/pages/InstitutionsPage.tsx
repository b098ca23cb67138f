/** 机构: the institution tree (kind, rank, 挂靠 shown apart) and one institution's file with its 沿革. */
import { useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  Row,
  Skeleton,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tree,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { call } from '../api';
import { useInstitutionNames, useInstitutions, useParam } from '../hooks';
import type { InstitutionNode } from '../types';
import { ErrorAlert, KindTag, statusColors } from '../ui';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}

function buildTree(items: InstitutionNode[], filter: string, showAbolished: boolean): TreeNode[] {
  const visible = items.filter((i) => showAbolished || i.status === 'active');
  const ids = new Set(visible.map((i) => i.id));
  const byParent = new Map<string, InstitutionNode[]>();
  const roots: InstitutionNode[] = [];
  for (const i of visible) {
    if (i.parentId && ids.has(i.parentId)) byParent.set(i.parentId, [...(byParent.get(i.parentId) ?? []), i]);
    else roots.push(i);
  }
  const hostName = new Map(items.map((i) => [i.id, i.name]));
  const matches = (i: InstitutionNode): boolean =>
    !filter ||
    i.name.includes(filter) ||
    i.alsoNamed.some((a) => a.includes(filter)) ||
    (byParent.get(i.id) ?? []).some(matches);
  const node = (i: InstitutionNode): TreeNode => ({
    key: i.id,
    title: (
      <span
        data-testid={`tree-${i.name}`}
        style={i.status === 'abolished' ? { color: '#999', textDecoration: 'line-through' } : undefined}
      >
        {i.name} {i.kind !== 'internal_unit' && <KindTag kind={i.kind} label={i.kindLabel} />}
        {i.rank && <Tag>{i.rank}</Tag>}
        {i.hostedById && (
          <Tag color="geekblue" title="挂靠机构">
            挂靠 {hostName.get(i.hostedById)}
          </Tag>
        )}
        {i.status === 'abolished' && <Tag>已撤销</Tag>}
        {i.kind !== 'internal_unit' && (
          <Typography.Text
            type={i.actual > i.approved ? 'danger' : 'secondary'}
            style={{ fontSize: 12 }}
            title={`实有 ${i.actual} 人,核定编制 ${i.approved} 名`}
          >
            实有/核定 {i.actual}/{i.approved}
          </Typography.Text>
        )}
      </span>
    ),
    children: (byParent.get(i.id) ?? []).filter(matches).map(node),
  });
  // group the roots by kind, as the 编办 reads its 机构编制实名制 tables
  const groups = new Map<string, { label: string; items: InstitutionNode[] }>();
  for (const r of roots.filter(matches)) {
    const g = groups.get(r.kind) ?? { label: r.kindLabel, items: [] };
    g.items.push(r);
    groups.set(r.kind, g);
  }
  return [...groups].map(([kind, g]) => ({
    key: `kind:${kind}`,
    title: (
      <b>
        {g.label}({g.items.length})
      </b>
    ),
    children: g.items.map(node),
  }));
}

export function InstitutionsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [asOf, setAsOf] = useParam('asOf');
  const tree = useInstitutions(asOf);
  const [filter, setFilter] = useState('');
  const [showAbolished, setShowAbolished] = useState(false);
  const nodes = useMemo(
    () => buildTree(tree.data?.items ?? [], filter.trim(), showAbolished),
    [tree.data, filter, showAbolished],
  );
  return (
    <Row gutter={16} data-testid="institutions-page">
      <Col xs={24} lg={9} xl={8}>
        <Card
          title="机构"
          size="small"
          extra={
            <Space size="small">
              <span style={{ fontSize: 12 }}>含已撤销</span>
              <Switch size="small" checked={showAbolished} onChange={setShowAbolished} />
            </Space>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.Search placeholder="机构名称或加挂牌子" allowClear onChange={(e) => setFilter(e.target.value)} />
            <DatePicker
              placeholder="截至日期(默认今天)"
              style={{ width: '100%' }}
              value={asOf ? dayjs(asOf) : null}
              onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            />
            <ErrorAlert error={tree.error} />
            {tree.isLoading ? (
              <Skeleton active />
            ) : (
              <div style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }} data-testid="institution-tree">
                <Tree
                  blockNode
                  showLine
                  treeData={nodes}
                  defaultExpandedKeys={nodes.slice(0, 2).map((n) => n.key)}
                  defaultExpandAll={!!filter || (tree.data?.items.length ?? 0) < 30}
                  key={filter ? `f:${filter}` : 'all'}
                  selectedKeys={id ? [id] : []}
                  onSelect={(keys) => {
                    const k = String(keys[0] ?? '');
                    if (k && !k.startsWith('kind:')) navigate(`/institutions/${k}${asOf ? `?asOf=${asOf}` : ''}`);
                  }}
                />
              </div>
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {id ? (
          <InstitutionFile id={id} asOf={asOf} />
        ) : (
          <Card>
            <Empty description="在左侧选择一个机构,查看其编制、人员、职能与沿革" />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function InstitutionFile({ id, asOf }: { id: string; asOf?: string }) {
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
          {
            key: 'facts',
            label: '基本情况',
            children: (
              <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="机构名称">{i.name}</Descriptions.Item>
                <Descriptions.Item label="加挂牌子">{i.alsoNamed.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="机构类型">{i.kindLabel}</Descriptions.Item>
                <Descriptions.Item label="机构规格">{i.rank ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="上级(主管)机构">
                  {i.parentId ? <Link to={`/institutions/${i.parentId}`}>{d.parentName}</Link> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="挂靠">
                  {i.hostedById ? <Link to={`/institutions/${i.hostedById}`}>{d.hostName}</Link> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="统一社会信用代码">{i.code ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="设立日期">{i.establishedOn ?? '—'}</Descriptions.Item>
                {i.kind === 'public_institution' && (
                  <>
                    <Descriptions.Item label="事业单位类别">{i.piClass ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label="经费形式">{i.funding ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label="参照公务员法管理">
                      {i.civilServiceManaged ? '是' : '否'}
                    </Descriptions.Item>
                  </>
                )}
                <Descriptions.Item label="职能事项">{d.dutyCount} 项</Descriptions.Item>
                <Descriptions.Item label="内设机构">
                  <InstitutionLinks
                    items={d.units.filter((u) => u.status === 'active' && u.kind === 'internal_unit')}
                  />
                </Descriptions.Item>
                {d.units.some((u) => u.status === 'active' && u.kind !== 'internal_unit') && (
                  <Descriptions.Item label="下属单位">
                    <InstitutionLinks
                      items={d.units.filter((u) => u.status === 'active' && u.kind !== 'internal_unit')}
                    />
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="挂靠于本机构">
                  <InstitutionLinks items={d.hosted} />
                </Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'quota',
            label: '编制与职数',
            children: (
              <>
                <Table
                  size="small"
                  rowKey="category"
                  pagination={false}
                  data-testid="institution-quotas"
                  dataSource={d.quotas}
                  locale={{ emptyText: '未核定编制' }}
                  columns={[
                    { title: '编制类别', dataIndex: 'categoryLabel' },
                    { title: '核定', dataIndex: 'approved', align: 'right' },
                    { title: '实有', dataIndex: 'actual', align: 'right' },
                    {
                      title: '空编',
                      dataIndex: 'vacant',
                      align: 'right',
                      render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0),
                    },
                    {
                      title: '超编',
                      dataIndex: 'over',
                      align: 'right',
                      render: (v: number) =>
                        v ? (
                          <Typography.Text type="danger" strong>
                            {v}
                          </Typography.Text>
                        ) : (
                          0
                        ),
                    },
                  ]}
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  领导职数
                </Typography.Title>
                <Table
                  size="small"
                  rowKey={(r) => `${r.level}|${r.postClass}`}
                  pagination={false}
                  dataSource={d.posts}
                  locale={{ emptyText: '未核定领导职数' }}
                  columns={[
                    { title: '层级', dataIndex: 'level' },
                    { title: '类别', dataIndex: 'postClassLabel' },
                    { title: '核定', dataIndex: 'approved', align: 'right' },
                    {
                      title: '实配',
                      dataIndex: 'filled',
                      align: 'right',
                      render: (v: number, r) =>
                        v > r.approved ? (
                          <Typography.Text type="danger" strong>
                            {v}
                          </Typography.Text>
                        ) : (
                          v
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
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

function Roster({
  institutionId,
  asOf,
  nameOf,
}: {
  institutionId: string;
  asOf?: string;
  nameOf: (id: string | null) => string;
}) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['people', institutionId, asOf ?? '', page],
    queryFn: () => call('GET /api/people', { query: { institutionId, asOf, page, pageSize: 20 } }),
  });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 人`,
        }}
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
    </>
  );
}

function DutyList({ institutionId }: { institutionId: string }) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['duties', institutionId, page],
    queryFn: () => call('GET /api/duties', { query: { institutionId, page, pageSize: 20 } }),
  });
  return (
    <Table
      size="small"
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data?.items}
      pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage }}
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

/** Institutions as links to their files, or "—" when there are none. */
function InstitutionLinks({ items }: { items: { id: string; name: string }[] }) {
  if (!items.length) return '—';
  return (
    <Space wrap>
      {items.map((u) => (
        <Link key={u.id} to={`/institutions/${u.id}`}>
          {u.name}
        </Link>
      ))}
    </Space>
  );
}
