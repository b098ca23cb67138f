/** 职能: the duty browser, the overlap explorer (DUTY_OVERLAP clusters side by side) and a domain × institution heat map. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Input, Pagination, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { DiagnosticCode } from '../../../src/analysis/finding.js';
import { dutySources, powerCategories } from '../../../src/domain/vocabulary.js';
import { call } from '../api';
import { useAuth } from '../auth';
import { Chart } from '../lazy-chart';
import { useInstitutionNames, useParam } from '../hooks';
import type { Duty } from '../types';
import { ErrorAlert, Highlighted, severityColors } from '../ui';

export function DutiesPage() {
  const { can } = useAuth();
  const [tab, setTab] = useParam('tab');
  return (
    <Card title="职能与权责清单" data-testid="duties-page">
      <Tabs
        activeKey={tab ?? 'browse'}
        onChange={(k) => setTab(k === 'browse' ? undefined : k)}
        items={[
          { key: 'browse', label: '职能浏览', children: <DutyBrowser /> },
          ...(can('readDistrict')
            ? [
                { key: 'overlap', label: '交叉重叠', children: <OverlapExplorer /> },
                { key: 'heatmap', label: '领域分布', children: <DomainHeatmap /> },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function DutyBrowser() {
  const [institutionId, setInstitutionId] = useParam('institutionId');
  const [source, setSource] = useParam('source', dutySources);
  const [category, setCategory] = useParam('category');
  const [domain, setDomain] = useParam('domain');
  const [q, setQ] = useParam('q');
  const [pageParam, setPage] = useParam('page');
  const page = Number(pageParam ?? 1);
  const names = useInstitutionNames();
  const duties = useQuery({
    queryKey: ['duties', institutionId, source, category, domain, q, page],
    queryFn: () =>
      call('GET /api/duties', { query: { institutionId, source, category, domain, q, page, pageSize: 50 } }),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="事项名称或内容"
          allowClear
          defaultValue={q}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 220 }}
        />
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder="机构"
          style={{ width: 240 }}
          value={institutionId}
          onChange={setInstitutionId}
          options={(names.data?.items ?? [])
            .filter((i) => i.status === 'active' && i.kind !== 'internal_unit')
            .map((i) => ({ value: i.id, label: i.name }))}
        />
        <Select
          allowClear
          placeholder="来源"
          style={{ width: 120 }}
          value={source}
          onChange={setSource}
          options={[
            { value: 'sanding', label: '三定规定' },
            { value: 'power_list', label: '权责清单' },
          ]}
        />
        <Select
          allowClear
          placeholder="事项类别"
          style={{ width: 140 }}
          value={category}
          onChange={setCategory}
          options={powerCategories.map((c) => ({ value: c, label: c }))}
        />
        <Input
          placeholder="领域(如 市场监管)"
          allowClear
          defaultValue={domain}
          onPressEnter={(e) => setDomain((e.target as HTMLInputElement).value.trim() || undefined)}
          onChange={(e) => !e.target.value && setDomain(undefined)}
          style={{ width: 160 }}
        />
      </Space>
      <ErrorAlert error={duties.error} />
      <Table
        size="small"
        rowKey="id"
        loading={duties.isLoading}
        dataSource={duties.data?.items}
        pagination={{
          current: page,
          pageSize: 50,
          total: duties.data?.total,
          showSizeChanger: false,
          onChange: (p) => setPage(p === 1 ? undefined : String(p)),
          showTotal: (t) => `共 ${t} 项`,
        }}
        expandable={{
          expandedRowRender: (d: Duty) => (
            <div>
              {d.text}
              {d.legalBasis && (
                <div>
                  <Typography.Text type="secondary">依据:{d.legalBasis}</Typography.Text>
                </div>
              )}
            </div>
          ),
        }}
        columns={[
          {
            title: '机构',
            dataIndex: 'institutionId',
            width: 200,
            render: (id: string) => <Link to={`/institutions/${id}`}>{names.nameOf(id)}</Link>,
          },
          { title: '来源', dataIndex: 'sourceLabel', width: 90 },
          { title: '类别', dataIndex: 'category', width: 90 },
          { title: '事项', dataIndex: 'title' },
          {
            title: '领域',
            dataIndex: 'domains',
            width: 160,
            render: (d: string[]) =>
              d.map((x) => (
                <Tag key={x} style={{ cursor: 'pointer' }} onClick={() => setDomain(x)}>
                  {x}
                </Tag>
              )),
          },
          { title: '牵头/配合', dataIndex: 'roleLabel', width: 80 },
        ]}
      />
    </>
  );
}

function useFindings(code?: DiagnosticCode) {
  return useQuery({
    queryKey: ['diagnostics', code ?? ''],
    queryFn: () => call('GET /api/diagnostics', { query: { code } }),
  });
}

const overlapsPerPage = 10;

function OverlapExplorer() {
  const f = useFindings('DUTY_OVERLAP');
  const [page, setPage] = useState(1);
  if (f.error) return <ErrorAlert error={f.error} />;
  const findings = f.data?.findings ?? [];
  if (f.data && !findings.length) return <Empty description="未发现职能交叉重叠" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="overlaps">
      <Typography.Text type="secondary">共 {findings.length} 组交叉重叠职责,相同或相近的表述已标出。</Typography.Text>
      {findings.slice((page - 1) * overlapsPerPage, page * overlapsPerPage).map((x) => {
        const texts = x.evidence.filter((e) => e.kind === 'text');
        return (
          <Card
            key={x.id}
            size="small"
            data-testid="overlap-group"
            title={
              <Space wrap>
                <Tag color={severityColors[x.severity]}>{x.severityLabel}</Tag>
                {x.measures.domain && <Tag>{String(x.measures.domain)}</Tag>}
                <span style={{ whiteSpace: 'normal' }}>{x.title}</span>
              </Space>
            }
          >
            <Row gutter={12}>
              {texts.map((t, i) => (
                <Col key={i} xs={24} md={Math.max(6, Math.floor(24 / texts.length))}>
                  <Card
                    size="small"
                    type="inner"
                    title={<Link to={`/institutions/${t.institutionId}`}>{t.institution}</Link>}
                  >
                    <Highlighted text={t.text} terms={t.highlight} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              <b>建议:</b>
              {x.measure}
            </Typography.Paragraph>
          </Card>
        );
      })}
      <Pagination
        align="center"
        current={page}
        pageSize={overlapsPerPage}
        total={findings.length}
        hideOnSinglePage
        showSizeChanger={false}
        showTotal={(n) => `共 ${n} 组`}
        onChange={(p) => {
          setPage(p);
          window.scrollTo({ top: 0 });
        }}
        data-testid="overlap-pagination"
      />
    </Space>
  );
}

function DomainHeatmap() {
  const names = useInstitutionNames();
  const all = useQuery({
    queryKey: ['duties-all'],
    queryFn: async () => {
      const first = await call('GET /api/duties', { query: { pageSize: 500, page: 1 } });
      const pages = Math.ceil(first.total / 500);
      const rest = await Promise.all(
        Array.from({ length: pages - 1 }, (_, i) => call('GET /api/duties', { query: { pageSize: 500, page: i + 2 } })),
      );
      return [first, ...rest].flatMap((p) => p.items);
    },
    staleTime: 60_000,
  });
  const data = useMemo(() => {
    const counts = new Map<string, number>();
    const domainTotals = new Map<string, number>();
    const instTotals = new Map<string, number>();
    for (const d of all.data ?? []) {
      for (const dom of d.domains) {
        counts.set(`${dom}|${d.institutionId}`, (counts.get(`${dom}|${d.institutionId}`) ?? 0) + 1);
        domainTotals.set(dom, (domainTotals.get(dom) ?? 0) + 1);
        instTotals.set(d.institutionId, (instTotals.get(d.institutionId) ?? 0) + 1);
      }
    }
    // the domains held by several institutions are the ones worth looking at
    const spread = (dom: string) => [...counts.keys()].filter((k) => k.startsWith(`${dom}|`)).length;
    const domains = [...domainTotals.keys()].sort((a, b) => spread(b) - spread(a)).slice(0, 25);
    const insts = [...instTotals.keys()]
      .filter((id) => domains.some((dom) => counts.has(`${dom}|${id}`)))
      .sort((a, b) => (instTotals.get(b) ?? 0) - (instTotals.get(a) ?? 0))
      .slice(0, 40);
    const cells: [number, number, number][] = [];
    insts.forEach((id, x) =>
      domains.forEach((dom, y) => {
        const n = counts.get(`${dom}|${id}`);
        if (n) cells.push([x, y, n]);
      }),
    );
    return { domains, insts, cells, max: Math.max(1, ...cells.map((c) => c[2])) };
  }, [all.data]);
  if (all.error) return <ErrorAlert error={all.error} />;
  return (
    <div data-testid="heatmap">
      <Typography.Text type="secondary">
        每格为该机构在该领域承担的职责事项数;一行中颜色分散在多个机构,说明该领域职责分散。
      </Typography.Text>
      <Chart
        style={{ height: Math.max(420, data.domains.length * 24 + 160) }}
        option={{
          tooltip: {
            position: 'top',
            formatter: (p: { value: [number, number, number] }) =>
              `${names.nameOf(data.insts[p.value[0]])}<br/>${data.domains[p.value[1]]}:${p.value[2]} 项`,
          },
          grid: { left: 110, right: 20, top: 10, bottom: 150 },
          xAxis: {
            type: 'category',
            data: data.insts.map((id) => names.nameOf(id)),
            axisLabel: { rotate: 60, interval: 0, fontSize: 11 },
          },
          yAxis: { type: 'category', data: data.domains },
          visualMap: {
            min: 0,
            max: data.max,
            calculable: true,
            orient: 'horizontal',
            left: 'center',
            bottom: 0,
            inRange: { color: ['#fff7e6', '#ffa940', '#b71c1c'] },
          },
          series: [{ type: 'heatmap', data: data.cells, label: { show: false } }],
        }}
      />
    </div>
  );
}
