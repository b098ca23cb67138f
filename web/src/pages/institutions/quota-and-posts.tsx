/** An institution's 编制与职数: quota per category (vacant and over marked) and leadership posts (over-filled marked). */
import { Table, Typography } from 'antd';
import type { InstitutionDetail } from '../../types';

export function QuotaAndPosts({ d }: { d: InstitutionDetail }) {
  return (
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
  );
}
