/** 总览's drill-down: every number opens the institutions behind it (with links to their files and rosters). */
import { Drawer, Empty, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { postClassLabels, type PostClass, type QuotaCategory } from '../../../../src/domain/vocabulary.js';
import { KindTag } from '../../components/ui';
import type { InstitutionNode, Statistics } from '../../types';

export interface DrillRow {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  value: number;
}
export interface Drill {
  title: string;
  unit: string;
  rows: DrillRow[];
}

export const metricLabels = { approved: '核定', actual: '实有', vacant: '空编', over: '超编' } as const;
export type QuotaMetric = keyof typeof metricLabels;

/** A post class's name from the shared vocabulary; 'total' is the table's 合计. */
export const postClassName = (c: string) => (c === 'total' ? '合计' : (postClassLabels[c as PostClass] ?? c));

/** The drill-downs of the page's figures, each opening `open` with its title, unit and institutions. */
export function overviewDrills(s: Statistics, institutions: InstitutionNode[], open: (drill: Drill) => void) {
  const instRows = (pick: (i: Statistics['institutions'][number]) => number): DrillRow[] =>
    s.institutions
      .map((i) => ({ id: i.id, name: i.name, kind: i.kind, kindLabel: i.kindLabel, value: pick(i) }))
      .filter((r) => r.value > 0)
      .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'zh-CN'));
  const treeRows = (pred: (i: InstitutionNode) => boolean): DrillRow[] =>
    institutions
      .filter((i) => i.status === 'active' && pred(i))
      .map((i) => ({ id: i.id, name: i.name, kind: i.kind, kindLabel: i.kindLabel, value: i.approved }));
  return {
    /** The active institutions that match, with their approved quota. */
    institutions: (title: string, pred: (i: InstitutionNode) => boolean) =>
      open({ title, unit: '名', rows: treeRows(pred) }),
    quota: (category: QuotaCategory | 'total', metric: QuotaMetric) => {
      const label = category === 'total' ? '全部编制' : (s.labels.quotaCategories[category] ?? category);
      open({
        title: `${label} · ${metricLabels[metric]}`,
        unit: '名',
        rows: instRows((i) =>
          i.quota.filter((q) => category === 'total' || q.category === category).reduce((n, q) => n + q[metric], 0),
        ),
      });
    },
    posts: (level: string, postClass: string, metric: 'approved' | 'filled') =>
      open({
        title: `${level}领导职数 · ${postClassName(postClass)} · ${metric === 'approved' ? '核定' : '实配'}`,
        unit: '名',
        rows: instRows((i) =>
          i.posts
            .filter((p) => p.level === level && (postClass === 'total' || p.postClass === postClass))
            .reduce((n, p) => n + p[metric], 0),
        ),
      }),
    people: (title: string, pick: (p: Statistics['people']) => number) =>
      open({ title, unit: '人', rows: instRows((i) => pick(i.people)) }),
  };
}
export type OverviewDrills = ReturnType<typeof overviewDrills>;

export function DrillDrawer({ drill, onClose }: { drill?: Drill; onClose: () => void }) {
  return (
    <Drawer title={drill?.title} size={560} open={!!drill} onClose={onClose} data-testid="drill-drawer">
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
  );
}
