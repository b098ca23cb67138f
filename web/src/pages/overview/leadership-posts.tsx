/** 总览's 领导职数: approved and filled leadership posts per level and post class; every figure drills down. */
import { Card, Table } from 'antd';
import { postClasses, type LeadershipLevel } from '../../../../src/domain/vocabulary.js';
import { DrillNumber } from '../../components/ui';
import type { Statistics } from '../../types';
import { postClassName, type OverviewDrills } from './drill';

const levels: LeadershipLevel[] = ['正处', '副处', '正科', '副科'];

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

export function LeadershipPosts({ s, drills }: { s: Statistics; drills: OverviewDrills }) {
  return (
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
                    onClick={() => drills.posts(r.level, c, m)}
                    testId={`posts-${r.level}-${c}-${m}`}
                  />
                );
              },
            })),
          })),
        ]}
      />
    </Card>
  );
}
