/** What carrying out a 编制事项 changes: institutions created, abolished, changed; quota and posts before → after. */
import { Empty, Table, Tag } from 'antd';
import { postClassLabels, quotaCategoryLabels } from '../../../../src/domain/vocabulary.js';
import type { RegistryDiff } from '../../types';

/** One line of institution names (新设, 撤销, 变更), or nothing when there are none. */
function Names({ label, names, color }: { label: string; names: string[]; color: string }) {
  if (!names.length) return null;
  return (
    <p>
      {label}:
      {names.map((n) => (
        <Tag color={color} key={n}>
          {n}
        </Tag>
      ))}
    </p>
  );
}

export function DiffView({ diff }: { diff: RegistryDiff }) {
  const empty =
    !diff.created.length && !diff.abolished.length && !diff.changed.length && !diff.quotas.length && !diff.posts.length;
  if (empty) return <Empty description="执行后机构编制没有变化" />;
  const arrow = (b: number, a: number) => (
    <span>
      {b} → <b style={{ color: a > b ? '#389e0d' : '#cf1322' }}>{a}</b>({a > b ? '+' : ''}
      {a - b})
    </span>
  );
  return (
    <div data-testid="diff">
      <Names label="新设" names={diff.created} color="green" />
      <Names label="撤销" names={diff.abolished} color="red" />
      <Names label="变更" names={diff.changed} color="blue" />
      {diff.quotas.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.institution}|${r.category}`}
          dataSource={diff.quotas}
          columns={[
            { title: '机构', dataIndex: 'institution' },
            {
              title: '编制类别',
              dataIndex: 'category',
              render: (c: string) => quotaCategoryLabels[c as keyof typeof quotaCategoryLabels] ?? c,
            },
            { title: '核定编制', key: 'n', render: (_: unknown, r) => arrow(r.before, r.after) },
          ]}
        />
      )}
      {diff.posts.length > 0 && (
        <Table
          style={{ marginTop: 8 }}
          size="small"
          pagination={false}
          rowKey={(r) => `${r.institution}|${r.level}|${r.postClass}`}
          dataSource={diff.posts}
          columns={[
            { title: '机构', dataIndex: 'institution' },
            { title: '层级', dataIndex: 'level' },
            {
              title: '类别',
              dataIndex: 'postClass',
              render: (c: string) => postClassLabels[c as keyof typeof postClassLabels] ?? c,
            },
            { title: '领导职数', key: 'n', render: (_: unknown, r) => arrow(r.before, r.after) },
          ]}
        />
      )}
    </div>
  );
}
