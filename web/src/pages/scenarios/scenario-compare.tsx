/** 方案比选: two to four scenarios side by side, with the .xlsx and the .docx (方案比选 attachment) to download. */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { call, urlOf } from '../../api';
import { useParam } from '../../hooks';
import { ErrorAlert, severityColors } from '../../components/ui';
import { Change } from './evaluation-panel';
import type { EvaluatedScenario } from '../../types';

type Row = { key: string; label: string; cells: ReactNode[] };

function rowsOf(all: EvaluatedScenario[]): Row[] {
  const row = (key: string, label: string, f: (x: EvaluatedScenario) => ReactNode): Row => ({
    key,
    label,
    cells: all.map(f),
  });
  const categories = [...new Set(all.flatMap((x) => x.evaluation.quota.map((q) => q.label)))];
  const findings = (x: EvaluatedScenario, kind: 'resolved' | 'created') => {
    const list = x.evaluation.findings[kind];
    if (!list.length) return <Typography.Text type="secondary">无</Typography.Text>;
    return (
      <Space orientation="vertical" size={2}>
        {list.map((f, i) => (
          <span key={i} data-testid={`compare-${kind}`} data-code={f.code}>
            <Tag color={severityColors[f.severity]}>{f.codeLabel}</Tag>
            {f.title}
          </span>
        ))}
      </Space>
    );
  };
  return [
    row('status', '状态', (x) => x.scenario.statusLabel),
    row('items', '调整事项', (x) => `${x.items.length}项`),
    row('violations', '硬约束', (x) =>
      x.evaluation.violations.length ? (
        <Space orientation="vertical" size={2}>
          {x.evaluation.violations.map((v) => (
            <Typography.Text type="danger" key={v}>
              {v}
            </Typography.Text>
          ))}
        </Space>
      ) : (
        <Tag color="green">均符合</Tag>
      ),
    ),
    row('partyGov', '党政机构', (x) => {
      const p = x.evaluation.institutions.partyGov;
      return (
        <span>
          <Change before={p.before} after={p.after} />
          {p.cap !== null && <Typography.Text type="secondary"> / 限额 {p.cap}</Typography.Text>}
        </span>
      );
    }),
    ...categories.map((label) =>
      row(`quota-${label}`, label, (x) => {
        const q = x.evaluation.quota.find((y) => y.label === label);
        if (!q) return '—';
        return (
          <span>
            <Change before={q.before} after={q.after} />
            {q.total !== null && <Typography.Text type="secondary"> / 总额 {q.total}</Typography.Text>}
            {(q.poolBefore || q.poolAfter) > 0 && (
              <Typography.Text type="secondary">
                {' '}
                / 周转池 {q.poolBefore}→{q.poolAfter}
              </Typography.Text>
            )}
          </span>
        );
      }),
    ),
    row('posts', '领导职数', (x) => <Change before={x.evaluation.posts.before} after={x.evaluation.posts.after} />),
    row('people', '涉及人员', (x) => `${x.evaluation.peopleAffected.length}人`),
    row('findings', '问题总数', (x) => (
      <Change before={x.evaluation.findings.before} after={x.evaluation.findings.after} />
    )),
    row('resolved', '解决的问题', (x) => findings(x, 'resolved')),
    row('created', '新增的问题', (x) => findings(x, 'created')),
  ];
}

export function ScenarioCompare() {
  const [raw] = useParam('ids');
  const ids = (raw ?? '').split(',').filter(Boolean);
  const q = useQuery({
    queryKey: ['scenario-compare', ids.join(',')],
    queryFn: () => call('POST /api/scenarios/compare', { body: { ids } }),
    enabled: ids.length >= 2,
  });
  const all = q.data?.scenarios ?? [];
  const download = (format: 'xlsx' | 'docx') =>
    urlOf(format === 'xlsx' ? 'GET /api/scenarios/compare.xlsx' : 'GET /api/scenarios/compare.docx', {
      query: { ids: ids.join(',') },
    });
  return (
    <Card
      title="方案比选"
      data-testid="compare-page"
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={download('xlsx')}
            disabled={!all.length}
            data-testid="download-xlsx"
          >
            导出比选表(.xlsx)
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={download('docx')}
            disabled={!all.length}
            data-testid="download-docx"
          >
            导出方案比选附件(.docx)
          </Button>
          <Link to="/scenarios">返回方案列表</Link>
        </Space>
      }
    >
      <ErrorAlert error={q.error} />
      {ids.length < 2 ? (
        <Empty description="请在方案列表中勾选2至4个方案" />
      ) : (
        <Table<Row>
          rowKey="key"
          loading={q.isLoading}
          pagination={false}
          bordered
          dataSource={rowsOf(all)}
          data-testid="compare-table"
          columns={[
            { title: '项目', dataIndex: 'label', width: 120, fixed: 'left' },
            ...all.map((x, i) => ({
              title: <Link to={`/scenarios/${x.scenario.id}`}>{x.scenario.name}</Link>,
              key: x.scenario.id,
              render: (_: unknown, r: Row) => r.cells[i],
            })),
          ]}
        />
      )}
    </Card>
  );
}
