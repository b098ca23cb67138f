/**
 * The difference a scenario makes, beside it as it is built: hard violations that block submission, institutions by
 * kind against the cap, quota by category against the 编制总额 and the pool, posts, people who must move, and the
 * findings it resolves and creates (by type, with their titles).
 */
import { Alert, Card, Collapse, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { severityColors } from '../../components/ui';
import type { Evaluation } from '../../types';

/** "23 → 22(−1)": the figure after, with the change when there is one. */
export function Change({ before, after, testId }: { before: number; after: number; testId?: string }) {
  const d = after - before;
  return (
    <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {before} → <b>{after}</b>
      {d !== 0 && (
        <Typography.Text type={d < 0 ? 'success' : 'warning'} style={{ marginLeft: 4 }}>
          ({d > 0 ? '+' : '−'}
          {Math.abs(d)})
        </Typography.Text>
      )}
    </span>
  );
}

const FindingList = ({ items, kind }: { items: Evaluation['findings']['resolved']; kind: 'resolved' | 'created' }) =>
  items.length ? (
    <List
      size="small"
      dataSource={items}
      data-testid={`findings-${kind}`}
      renderItem={(f) => (
        <List.Item data-testid={`finding-${kind}`} data-code={f.code}>
          <Space orientation="vertical" size={0}>
            <Space size={4}>
              <Tag color={kind === 'resolved' ? 'green' : 'red'}>{kind === 'resolved' ? '解决' : '新增'}</Tag>
              <Tag color={severityColors[f.severity]}>{f.codeLabel}</Tag>
            </Space>
            <Typography.Text>{f.title}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  ) : (
    <Typography.Text type="secondary">无</Typography.Text>
  );

export function EvaluationPanel({ evaluation: e, loading }: { evaluation?: Evaluation; loading?: boolean }) {
  if (!e) return <Card title="评估" loading={loading} />;
  const pg = e.institutions.partyGov;
  const overCap = pg.cap !== null && pg.after > pg.cap;
  return (
    <Card title="评估:方案实施后的变化" loading={loading} data-testid="evaluation">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {e.violations.length ? (
          <Alert
            type="error"
            showIcon
            data-testid="violations"
            title={`违反硬约束${e.violations.length}项,不能提交`}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {e.violations.map((v) => (
                  <li key={v}>{v}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert type="success" showIcon title="符合各项硬约束" data-testid="no-violations" />
        )}
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label="党政机构">
            <Change before={pg.before} after={pg.after} testId="party-gov" />
            {pg.cap !== null && (
              <Typography.Text type={overCap ? 'danger' : 'secondary'} style={{ marginLeft: 8 }}>
                限额 {pg.cap} 个
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="领导职数">
            <Change before={e.posts.before} after={e.posts.after} testId="posts" />
          </Descriptions.Item>
          <Descriptions.Item label="问题">
            <Change before={e.findings.before} after={e.findings.after} testId="findings-count" />
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              解决 {e.findings.resolved.length} 个,新增 {e.findings.created.length} 个
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="涉及人员">
            <span data-testid="people-affected-count">{e.peopleAffected.length}</span> 人
          </Descriptions.Item>
        </Descriptions>
        <Table
          size="small"
          pagination={false}
          rowKey="category"
          data-testid="quota-table"
          dataSource={e.quota}
          columns={[
            { title: '编制类别', dataIndex: 'label' },
            { title: '核定数', render: (_, q) => <Change before={q.before} after={q.after} /> },
            {
              title: '编制总额',
              render: (_, q) =>
                q.total === null ? (
                  '—'
                ) : (
                  <Typography.Text type={q.after > q.total ? 'danger' : undefined}>{q.total}</Typography.Text>
                ),
            },
            { title: '周转池', render: (_, q) => <Change before={q.poolBefore} after={q.poolAfter} /> },
          ]}
        />
        <Collapse
          size="small"
          defaultActiveKey={['resolved', 'created']}
          items={[
            {
              key: 'resolved',
              label: `解决的问题(${e.findings.resolved.length})`,
              children: <FindingList items={e.findings.resolved} kind="resolved" />,
            },
            {
              key: 'created',
              label: `新增的问题(${e.findings.created.length})`,
              children: <FindingList items={e.findings.created} kind="created" />,
            },
            {
              key: 'kinds',
              label: '机构(按类别)',
              children: (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="kind"
                  dataSource={e.institutions.byKind}
                  columns={[
                    { title: '类别', dataIndex: 'label' },
                    { title: '数量', render: (_, k) => <Change before={k.before} after={k.after} /> },
                  ]}
                />
              ),
            },
            {
              key: 'people',
              label: `涉及人员(${e.peopleAffected.length})`,
              children: e.peopleAffected.length ? (
                <Table
                  size="small"
                  rowKey="personId"
                  pagination={{ pageSize: 10, showSizeChanger: false }}
                  dataSource={e.peopleAffected}
                  columns={[
                    { title: '姓名', dataIndex: 'name' },
                    { title: '原单位', dataIndex: 'from' },
                    { title: '去向', render: (_, p) => p.to ?? <Tag color="red">待安置</Tag> },
                    ...(e.peopleAffected.some((p) => p.reason)
                      ? [
                          {
                            title: '选定依据',
                            render: (_: unknown, p: Evaluation['peopleAffected'][number]) => p.reason ?? '',
                          },
                        ]
                      : []),
                  ]}
                />
              ) : (
                <Empty description="不涉及人员调动" image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
