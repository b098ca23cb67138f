/**
 * An institution's 编制与职数: quota per category (vacant and over marked) and leadership posts (over-filled marked);
 * to those who may, 登记核定数 records a number the 编委 decided (on today's file of an active institution only).
 */
import { Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { quotaCategories, type QuotaCategory } from '../../../../src/domain/vocabulary.js';
import { useAuth } from '../../auth';
import type { InstitutionDetail } from '../../types';
import { QuotaDecisionDialog } from './quota-decision-dialog';

export function QuotaAndPosts({ d, asOf }: { d: InstitutionDetail; asOf?: string }) {
  const { can } = useAuth();
  // undefined: closed; { category: undefined }: a category not yet approved, picked in the dialog
  const [deciding, setDeciding] = useState<{ category?: QuotaCategory }>();
  const records = can('recordQuotaDecisions') && !asOf && d.institution.status === 'active';
  const taken = d.quotas.map((q) => q.category);
  return (
    <>
      {records && taken.length < quotaCategories.length && (
        <Button style={{ marginBottom: 12 }} onClick={() => setDeciding({})} data-testid="record-quota-new">
          登记其他类别核定数
        </Button>
      )}
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
          ...(records
            ? [
                {
                  title: '操作',
                  key: 'record',
                  render: (_: unknown, r: InstitutionDetail['quotas'][number]) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setDeciding({ category: r.category as QuotaCategory })}
                      data-testid={`record-quota-${r.category}`}
                    >
                      登记核定数
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {deciding && (
        <QuotaDecisionDialog
          institution={d.institution}
          category={deciding.category}
          taken={taken}
          onClose={() => setDeciding(undefined)}
        />
      )}
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
