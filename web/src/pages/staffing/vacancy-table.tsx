/** 用编情况: per institution and category 核定, 实有, 已核准待入编, 可用空编 (today), and their totals. */
import { Card, Table } from 'antd';
import type { StaffingOverview } from '../../types';
import { ErrorAlert } from '../../components/ui';

type Row = StaffingOverview['rows'][number];

export function VacancyTable({
  overview,
  error,
  loading,
}: {
  overview: StaffingOverview | undefined;
  error: unknown;
  loading: boolean;
}) {
  return (
    <Card title={`用编情况(${overview?.asOf ?? '今天'})`} data-testid="staffing-vacancy-table">
      <ErrorAlert error={error} />
      <Table
        size="small"
        loading={loading}
        rowKey={(r: Row) => `${r.institutionId}|${r.category}`}
        dataSource={overview?.rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: '机构', dataIndex: 'institutionName' },
          { title: '编制类别', dataIndex: 'categoryLabel' },
          { title: '核定', dataIndex: 'approved', align: 'right' },
          { title: '实有', dataIndex: 'actual', align: 'right' },
          { title: '已核准待入编', dataIndex: 'reserved', align: 'right' },
          {
            title: '可用空编',
            dataIndex: 'available',
            align: 'right',
            render: (v: number, r: Row) => (
              <span
                data-testid={`available-${r.institutionId}-${r.category}`}
                style={v === 0 ? { color: '#cf1322' } : {}}
              >
                {v}
              </span>
            ),
          },
        ]}
        summary={() =>
          overview && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                合计
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {overview.total.approved}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {overview.total.actual}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {overview.total.reserved}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {overview.total.available}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}
