/**
 * 总览's 用编 and retirement cards: per quota category 核定, 实有, 已核准待入编 (places approvals hold) and 可用空编 today;
 * the statutory retirements of the next five years (2025 rules) and the units that will have most places free.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ui';
import type { Forecast, StaffingOverview } from '../../types';

type CategoryRow = StaffingOverview['byCategory'][number];
type UnitRow = Forecast['units'][number];

export function StaffingAndForecast({ asOf }: { asOf?: string }) {
  const staffing = useQuery({ queryKey: ['staffing', 'overview'], queryFn: () => call('GET /api/staffing/overview') });
  const forecast = useQuery({
    queryKey: ['forecast', asOf ?? ''],
    queryFn: () => call('GET /api/forecast', { query: { asOf } }),
  });
  const s = staffing.data;
  const f = forecast.data;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const units = (f?.units ?? [])
    .filter((u) => sum(u.retiring) > 0)
    .sort((a, b) => sum(b.retiring) - sum(a.retiring) || a.institutionName.localeCompare(b.institutionName, 'zh-CN'))
    .slice(0, 10);
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} xl={10}>
        <Card title={`用编情况(${s?.asOf ?? '今天'})`} data-testid="overview-staffing" loading={staffing.isLoading}>
          <ErrorAlert error={staffing.error} />
          {s && (
            <>
              <Row gutter={16} style={{ marginBottom: 12 }}>
                <Col span={12}>
                  <Statistic
                    title="已核准待入编"
                    value={s.total.reserved}
                    suffix="名"
                    data-testid="staffing-reserved"
                  />
                </Col>
                <Col span={12}>
                  <Statistic title="可用空编" value={s.total.available} suffix="名" data-testid="staffing-available" />
                </Col>
              </Row>
              <Table
                size="small"
                pagination={false}
                rowKey="category"
                dataSource={s.byCategory}
                columns={[
                  { title: '编制类别', dataIndex: 'categoryLabel' },
                  { title: '核定', dataIndex: 'approved', align: 'right' },
                  { title: '实有', dataIndex: 'actual', align: 'right' },
                  { title: '已核准待入编', dataIndex: 'reserved', align: 'right' },
                  {
                    title: '可用空编',
                    dataIndex: 'available',
                    align: 'right',
                    render: (v: number, r: CategoryRow) => <span data-testid={`available-${r.category}`}>{v}</span>,
                  },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                可用空编 = 核定 − 实有 − 已核准待入编。<Link to="/staffing">用编审批</Link>
              </Typography.Paragraph>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card
          title={`退休与空编预测(${f ? `${f.years[0]}—${f.years.at(-1)}年` : '五年'})`}
          data-testid="overview-forecast"
          loading={forecast.isLoading}
        >
          <ErrorAlert error={forecast.error} />
          {f && (
            <>
              <Row gutter={16} style={{ marginBottom: 12 }}>
                {f.years.map((y, i) => (
                  <Col key={y} flex={1}>
                    <Statistic
                      title={`${y}年退休`}
                      value={f.totals.retiring[i]}
                      suffix="人"
                      data-testid={`retiring-${y}`}
                    />
                  </Col>
                ))}
                <Col flex={1}>
                  <Statistic title="五年合计" value={sum(f.totals.retiring)} suffix="人" data-testid="retiring-total" />
                </Col>
              </Row>
              <Table
                size="small"
                pagination={false}
                rowKey={(u: UnitRow) => `${u.institutionId}|${u.category}`}
                dataSource={units}
                columns={[
                  {
                    title: '单位',
                    dataIndex: 'institutionName',
                    render: (n: string, u: UnitRow) => <Link to={`/institutions/${u.institutionId}`}>{n}</Link>,
                  },
                  { title: '编制类别', dataIndex: 'categoryLabel' },
                  { title: '现有空编', dataIndex: 'vacantNow', align: 'right' },
                  {
                    title: '五年内退休',
                    key: 'retiring',
                    align: 'right',
                    render: (_: unknown, u: UnitRow) => sum(u.retiring),
                  },
                  {
                    title: `${f.years.at(-1)}年末可用空编`,
                    key: 'free',
                    align: 'right',
                    render: (_: unknown, u: UnitRow) => u.freeByYearEnd.at(-1) ?? u.vacantNow,
                  },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                待退休(12个月内到龄):{f.pending.length}人
                {f.pending.some((p) => p.overdue) && (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    已到龄仍在编 {f.pending.filter((p) => p.overdue).length} 人
                  </Tag>
                )}
                。法定退休年龄按2025年1月1日起渐进式延迟法定退休年龄的规定计算,不含新进人员。
              </Typography.Paragraph>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
