/** 总览: the report's part 一 as cards and charts; every number opens the institutions (and people) behind it. */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../api';
import { Chart } from '../lazy-chart';
import { statisticsQuery, useInstitutions, useParam } from '../hooks';
import type { Statistics } from '../types';
import type { AgeBand } from '../../../src/analysis/statistics.js';
import {
  postClasses,
  postClassLabels,
  type InstitutionKind,
  type LeadershipLevel,
  type PostClass,
  type QuotaCategory,
} from '../../../src/domain/vocabulary.js';
import { DrillNumber, ErrorAlert, KindTag } from '../ui';

interface DrillRow {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  value: number;
}
interface Drill {
  title: string;
  unit: string;
  rows: DrillRow[];
}

// type-only imports: the 总览 chunk stays free of zod (vocabulary.ts's schemas)
const quotaOrder: QuotaCategory[] = ['admin', 'political_legal', 'township_admin', 'worker', 'public_service'];
const levels: LeadershipLevel[] = ['正处', '副处', '正科', '副科'];
const metricLabels = { approved: '核定', actual: '实有', vacant: '空编', over: '超编' } as const;
type QuotaMetric = keyof typeof metricLabels;

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** A post class's name from the shared vocabulary; 'total' is the table's 合计. */
const postClassName = (c: string) => (c === 'total' ? '合计' : (postClassLabels[c as PostClass] ?? c));

export function OverviewPage() {
  const [asOf, setAsOf] = useParam('asOf');
  const stats = useQuery(statisticsQuery(asOf));
  const tree = useInstitutions(asOf);
  const [drill, setDrill] = useState<Drill>();

  const s = stats.data;
  if (stats.error) return <ErrorAlert error={stats.error} />;

  const instRows = (pick: (i: Statistics['institutions'][number]) => number): DrillRow[] =>
    (s?.institutions ?? [])
      .map((i) => ({ id: i.id, name: i.name, kind: i.kind, kindLabel: i.kindLabel, value: pick(i) }))
      .filter((r) => r.value > 0)
      .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'zh-CN'));
  const treeRows = (pred: (i: NonNullable<typeof tree.data>['items'][number]) => boolean): DrillRow[] =>
    (tree.data?.items ?? [])
      .filter((i) => i.status === 'active' && pred(i))
      .map((i) => ({ id: i.id, name: i.name, kind: i.kind, kindLabel: i.kindLabel, value: i.approved }));
  const open = (title: string, unit: string, rows: DrillRow[]) => setDrill({ title, unit, rows });

  const quotaDrill = (category: QuotaCategory | 'total', metric: QuotaMetric) => {
    const label = category === 'total' ? '全部编制' : (s?.labels.quotaCategories[category] ?? category);
    open(
      `${label} · ${metricLabels[metric]}`,
      '名',
      instRows((i) =>
        i.quota.filter((q) => category === 'total' || q.category === category).reduce((n, q) => n + q[metric], 0),
      ),
    );
  };
  const postDrill = (level: string, postClass: string, metric: 'approved' | 'filled') =>
    open(
      `${level}领导职数 · ${postClassName(postClass)} · ${metric === 'approved' ? '核定' : '实配'}`,
      '名',
      instRows((i) =>
        i.posts
          .filter((p) => p.level === level && (postClass === 'total' || p.postClass === postClass))
          .reduce((n, p) => n + p[metric], 0),
      ),
    );
  const peopleDrill = (title: string, pick: (p: Statistics['people']) => number) =>
    open(
      title,
      '人',
      instRows((i) => pick(i.people)),
    );

  const kindEntries = s
    ? (Object.entries(s.overview.institutions.byKind) as [InstitutionKind, number][]).filter(
        ([k]) => k !== 'internal_unit',
      )
    : [];

  return (
    <div data-testid="overview-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {s?.regionName ?? ''}机构编制总览
        </Typography.Title>
        <Space>
          <span>统计截至</span>
          <DatePicker
            value={asOf ? dayjs(asOf) : dayjs(s?.asOf)}
            allowClear={!!asOf}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            data-testid="as-of"
          />
          <Button icon={<DownloadOutlined />} href={`/api/reports/district.docx${qs({ asOf })}`}>
            调研报告
          </Button>
        </Space>
      </Space>
      {!s ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {[
              {
                key: 'institutions',
                title: '机构(不含内设)',
                value: s.overview.institutions.total,
                onClick: () =>
                  open(
                    '全部机构',
                    '名',
                    treeRows((i) => i.kind !== 'internal_unit'),
                  ),
              },
              {
                key: 'party-gov',
                title: `党政机构(限额 ${s.limits?.partyGovInstitutionCap ?? '—'})`,
                value: s.overview.institutions.partyGov,
                // above the cap set from above: red, with how many over
                ...(s.limits?.partyGovInstitutionCap !== undefined &&
                s.overview.institutions.partyGov > s.limits.partyGovInstitutionCap
                  ? {
                      color: '#cf1322',
                      note: `超出限额 ${s.overview.institutions.partyGov - s.limits.partyGovInstitutionCap} 个`,
                    }
                  : {}),
                onClick: () =>
                  open(
                    '党政机构',
                    '名',
                    treeRows((i) => i.kind === 'party_dept' || i.kind === 'gov_dept'),
                  ),
              },
              {
                key: 'hosted',
                title: '挂靠机构',
                value: s.overview.institutions.hosted,
                onClick: () =>
                  open(
                    '挂靠机构',
                    '名',
                    treeRows((i) => !!i.hostedById),
                  ),
              },
              {
                key: 'internal-units',
                title: '内设机构',
                value: s.overview.institutions.internalUnits,
                onClick: () =>
                  open(
                    '内设机构',
                    '名',
                    treeRows((i) => i.kind === 'internal_unit'),
                  ),
              },
              {
                key: 'approved',
                title: '核定编制',
                value: s.overview.quota.total!.approved,
                onClick: () => quotaDrill('total', 'approved'),
              },
              {
                key: 'actual',
                title: '实有人员',
                value: s.overview.quota.total!.actual,
                onClick: () => quotaDrill('total', 'actual'),
              },
              {
                key: 'vacant',
                title: '空编',
                value: s.overview.quota.total!.vacant,
                onClick: () => quotaDrill('total', 'vacant'),
                color: '#d48806',
              },
              {
                key: 'over',
                title: '超编',
                value: s.overview.quota.total!.over,
                onClick: () => quotaDrill('total', 'over'),
                color: '#cf1322',
              },
            ].map(
              (c: {
                key: string;
                title: string;
                value: number;
                onClick: () => void;
                color?: string;
                note?: string;
              }) => (
                <Col xs={12} md={6} xl={3} key={c.key}>
                  <Card size="small" hoverable onClick={c.onClick} data-testid={`card-${c.key}`}>
                    <Statistic
                      title={<span style={{ whiteSpace: 'nowrap' }}>{c.title}</span>}
                      value={c.value}
                      styles={{ content: c.color ? { color: c.color } : undefined }}
                    />
                    {c.note && (
                      <Tag color="red" style={{ marginTop: 4 }} data-testid={`card-${c.key}-note`}>
                        {c.note}
                      </Tag>
                    )}
                  </Card>
                </Col>
              ),
            )}
          </Row>

          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={10}>
              <Card title="机构按类型" size="small">
                <Chart
                  testId="chart-kinds"
                  option={{
                    tooltip: { trigger: 'axis' },
                    grid: { left: 150, right: 30, top: 10, bottom: 20 },
                    xAxis: { type: 'value', minInterval: 1 },
                    yAxis: { type: 'category', inverse: true, data: kindEntries.map(([k]) => s.labels.kinds[k] ?? k) },
                    series: [
                      {
                        type: 'bar',
                        data: kindEntries.map(([, n]) => n),
                        itemStyle: { color: '#b71c1c' },
                        label: { show: true, position: 'right' },
                      },
                    ],
                  }}
                  onClick={(p) => {
                    const kind = kindEntries[p.dataIndex]?.[0];
                    if (kind)
                      open(
                        s.labels.kinds[kind] ?? kind,
                        '名',
                        treeRows((i) => i.kind === kind),
                      );
                  }}
                  style={{ height: 320 }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card title="编制使用情况(按编制类别)" size="small">
                <Table
                  size="small"
                  pagination={false}
                  rowKey="category"
                  data-testid="quota-table"
                  dataSource={[...quotaOrder, 'total' as const].map((c) => ({ category: c, ...s.overview.quota[c] }))}
                  columns={[
                    {
                      title: '编制类别',
                      dataIndex: 'category',
                      render: (c: QuotaCategory | 'total') =>
                        c === 'total' ? <b>合计</b> : s.labels.quotaCategories[c],
                    },
                    ...(Object.keys(metricLabels) as QuotaMetric[]).map((m) => ({
                      title: metricLabels[m],
                      dataIndex: m,
                      align: 'right' as const,
                      render: (v: number, r: { category: QuotaCategory | 'total' }) => (
                        <DrillNumber
                          value={v}
                          danger={(m === 'over' && v > 0) || undefined}
                          style={m === 'vacant' && v > 0 ? { color: '#d48806', fontWeight: 600 } : undefined}
                          onClick={() => quotaDrill(r.category, m)}
                          testId={`quota-${r.category}-${m}`}
                        />
                      ),
                    })),
                  ]}
                />
                <Chart
                  testId="chart-quota"
                  style={{ height: 220 }}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 50, right: 20, top: 30, bottom: 30 },
                    xAxis: {
                      type: 'category',
                      data: quotaOrder.map((c) => s.labels.quotaCategories[c]),
                      // every category named: the long ones wrap instead of being skipped
                      axisLabel: { interval: 0, width: 64, overflow: 'break', lineHeight: 14 },
                    },
                    yAxis: { type: 'value' },
                    series: [
                      {
                        name: '核定',
                        type: 'bar',
                        data: quotaOrder.map((c) => s.overview.quota[c]!.approved),
                        itemStyle: { color: '#8c8c8c' },
                      },
                      {
                        name: '实有',
                        type: 'bar',
                        data: quotaOrder.map((c) => s.overview.quota[c]!.actual),
                        itemStyle: { color: '#b71c1c' },
                      },
                    ],
                  }}
                  onClick={(p) => quotaDrill(quotaOrder[p.dataIndex]!, p.seriesName === '核定' ? 'approved' : 'actual')}
                />
              </Card>
            </Col>
          </Row>

          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={10}>
              <Card title="领导职数" size="small">
                <Table
                  size="small"
                  pagination={false}
                  rowKey="level"
                  data-testid="posts-table"
                  dataSource={levels.map((l) => ({ level: l, ...s.overview.posts[l] }))}
                  columns={[
                    { title: '层级', dataIndex: 'level', onHeaderCell: nowrap, onCell: nowrap },
                    ...[...postClasses, 'total' as const].map((c) => ({
                      title: postClassName(c),
                      key: c,
                      align: 'center' as const,
                      onHeaderCell: nowrap,
                      children: (['approved', 'filled'] as const).map((m) => ({
                        title: m === 'approved' ? '核定' : '实配',
                        key: `${c}-${m}`,
                        align: 'right' as const,
                        onHeaderCell: nowrap,
                        render: (_: unknown, r: { level: string } & Record<string, unknown>) => {
                          const cell = r[c] as { approved: number; filled: number } | undefined;
                          const v = cell?.[m] ?? 0;
                          const over = m === 'filled' && cell && cell.filled > cell.approved;
                          return (
                            <DrillNumber
                              value={v}
                              danger={!!over}
                              onClick={() => postDrill(r.level, c, m)}
                              testId={`posts-${r.level}-${c}-${m}`}
                            />
                          );
                        },
                      })),
                    })),
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card
                title="年龄结构"
                size="small"
                extra={
                  <span>
                    在编{' '}
                    <DrillNumber
                      value={s.people.total}
                      testId="people-total"
                      onClick={() => peopleDrill('在编人员', (p) => p.total)}
                    />{' '}
                    人,平均年龄 <b data-testid="mean-age">{s.people.meanAge ?? '—'}</b> 岁
                  </span>
                }
              >
                <Chart
                  testId="chart-pyramid"
                  option={{
                    tooltip: {
                      trigger: 'axis',
                      axisPointer: { type: 'shadow' },
                      valueFormatter: (v: number) => String(Math.abs(v)),
                    },
                    legend: { top: 0 },
                    grid: { left: 70, right: 20, top: 30, bottom: 20 },
                    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => String(Math.abs(v)) } },
                    yAxis: { type: 'category', data: s.people.pyramid.map((r) => r.band) },
                    series: [
                      {
                        name: '男',
                        type: 'bar',
                        stack: 'a',
                        data: s.people.pyramid.map((r) => -r.男),
                        itemStyle: { color: '#1677ff' },
                      },
                      {
                        name: '女',
                        type: 'bar',
                        stack: 'a',
                        data: s.people.pyramid.map((r) => r.女),
                        itemStyle: { color: '#eb2f96' },
                      },
                    ],
                  }}
                  onClick={(p) => {
                    const band = s.people.pyramid[p.dataIndex]?.band;
                    if (band)
                      peopleDrill(`${band}(${p.seriesName})`, (x) => {
                        const r = x.pyramid.find((b) => b.band === band);
                        return r ? (p.seriesName === '男' ? r.男 : r.女) : 0;
                      });
                  }}
                />
                <Space wrap style={{ marginTop: 8 }}>
                  {(Object.entries(s.people.ageBands) as [AgeBand, number][]).map(([band, n]) => (
                    <Tag key={band}>
                      {band}:
                      <DrillNumber
                        value={n}
                        testId={`age-${band}`}
                        onClick={() => peopleDrill(band, (p) => p.ageBands[band] ?? 0)}
                      />{' '}
                      人(
                      {s.people.total ? ((n / s.people.total) * 100).toFixed(1) : 0}%)
                    </Tag>
                  ))}
                </Space>
              </Card>
            </Col>
          </Row>

          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {(
              [
                ['学历结构', 'education', s.people.education],
                ['专业技术职称', 'titles', s.people.titles],
              ] as const
            ).map(([title, key, values]) => (
              <Col xs={24} xl={12} key={key}>
                <Card title={title} size="small">
                  <Chart
                    testId={`chart-${key}`}
                    style={{ height: 240 }}
                    option={{
                      tooltip: { trigger: 'axis' },
                      grid: { left: 50, right: 20, top: 20, bottom: 30 },
                      xAxis: { type: 'category', data: Object.keys(values) },
                      yAxis: { type: 'value' },
                      series: [
                        {
                          type: 'bar',
                          data: Object.values(values),
                          itemStyle: { color: key === 'education' ? '#13a8a8' : '#722ed1' },
                          label: { show: true, position: 'top' },
                        },
                      ],
                    }}
                    onClick={(p) =>
                      peopleDrill(
                        `${title}:${p.name}`,
                        (x) => (key === 'education' ? x.education : x.titles)[p.name] ?? 0,
                      )
                    }
                  />
                  <Space wrap>
                    {Object.entries(values).map(([k, n]) => (
                      <Tag key={k}>
                        {k}{' '}
                        <DrillNumber
                          value={n}
                          testId={`${key}-${k}`}
                          onClick={() =>
                            peopleDrill(`${title}:${k}`, (x) => (key === 'education' ? x.education : x.titles)[k] ?? 0)
                          }
                        />
                      </Tag>
                    ))}
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}

      <Drawer
        title={drill?.title}
        size={560}
        open={!!drill}
        onClose={() => setDrill(undefined)}
        data-testid="drill-drawer"
      >
        {drill && (
          <div data-testid="drill">
            <Typography.Paragraph type="secondary">
              共 {drill.rows.length} 个机构,合计{' '}
              <b data-testid="drill-sum">{drill.rows.reduce((n, r) => n + r.value, 0)}</b> {drill.unit}
            </Typography.Paragraph>
            {drill.rows.length === 0 ? (
              <Empty description="没有相关机构" />
            ) : (
              <Table
                size="small"
                rowKey="id"
                dataSource={drill.rows}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  {
                    title: '机构',
                    dataIndex: 'name',
                    render: (n: string, r: DrillRow) => <Link to={`/institutions/${r.id}`}>{n}</Link>,
                  },
                  {
                    title: '类型',
                    dataIndex: 'kind',
                    render: (k: string, r: DrillRow) => <KindTag kind={k} label={r.kindLabel} />,
                  },
                  { title: drill.unit === '人' ? '人数' : '数量', dataIndex: 'value', align: 'right' },
                  {
                    title: '',
                    key: 'people',
                    render: (_: unknown, r: DrillRow) => <Link to={`/people?institutionId=${r.id}`}>人员名册</Link>,
                  },
                ]}
              />
            )}
          </div>
        )}
      </Drawer>
    </div>
  );
}
