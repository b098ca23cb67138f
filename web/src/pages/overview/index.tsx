/**
 * 总览: the report's part 一 as cards and charts; every number opens the institutions (and people) behind it. Under a
 * scenario (?scenario=) the figures are the district's as the scenario would leave it.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, DatePicker, Row, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { qs } from '../../api';
import { ScenarioSelector, useScenarioParam } from '../../components/scenario-selector';
import { ErrorAlert } from '../../components/ui';
import { statisticsQuery, useInstitutions, useParam } from '../../hooks';
import { AgeStructure } from './age-structure';
import { DrillDrawer, overviewDrills, type Drill } from './drill';
import { EducationAndTitles } from './education-titles';
import { KindsChart } from './kinds-chart';
import { LeadershipPosts } from './leadership-posts';
import { QuotaUsage } from './quota-usage';
import { ScenarioReviews } from './scenario-reviews';
import { StaffingAndForecast } from './staffing-forecast';
import { SummaryCards } from './summary-cards';

/** Two cards side by side on a wide screen (the narrower first), one above the other on a narrow one. */
const pair = (left: ReactNode, right: ReactNode) => (
  <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
    <Col xs={24} xl={10}>
      {left}
    </Col>
    <Col xs={24} xl={14}>
      {right}
    </Col>
  </Row>
);

export function OverviewPage() {
  const [asOf, setAsOf] = useParam('asOf');
  const [scenario] = useScenarioParam();
  const stats = useQuery(statisticsQuery(scenario ? undefined : asOf, scenario));
  const tree = useInstitutions(asOf);
  const [drill, setDrill] = useState<Drill>();

  const s = stats.data;
  if (stats.error) return <ErrorAlert error={stats.error} />;
  const drills = s && overviewDrills(s, tree.data?.items ?? [], setDrill);

  return (
    <div data-testid="overview-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {s?.regionName ?? ''}机构编制总览
        </Typography.Title>
        <Space>
          <span>统计截至</span>
          <DatePicker
            value={asOf ? dayjs(asOf) : dayjs(s?.asOf)}
            allowClear={!!asOf}
            disabled={!!scenario}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            data-testid="as-of"
          />
          <Button icon={<DownloadOutlined />} href={`/api/reports/district.docx${qs({ asOf })}`}>
            调研报告
          </Button>
        </Space>
      </Space>
      <ScenarioSelector />
      <ScenarioReviews />
      {!s || !drills ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <>
          <SummaryCards s={s} drills={drills} />
          {pair(<KindsChart s={s} drills={drills} />, <QuotaUsage s={s} drills={drills} />)}
          {pair(<LeadershipPosts s={s} drills={drills} />, <AgeStructure s={s} drills={drills} />)}
          <EducationAndTitles s={s} drills={drills} />
          <StaffingAndForecast asOf={asOf} />
        </>
      )}
      <DrillDrawer drill={drill} onClose={() => setDrill(undefined)} />
    </div>
  );
}
