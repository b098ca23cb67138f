/** 总览's 学历结构 and 专业技术职称: people by education and by title, as charts and figures that drill down. */
import { Card, Col, Row, Space, Tag } from 'antd';
import { Chart } from '../../components/lazy-chart';
import { DrillNumber } from '../../components/ui';
import type { Statistics } from '../../types';
import type { OverviewDrills } from './drill';

export function EducationAndTitles({ s, drills }: { s: Statistics; drills: OverviewDrills }) {
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {(
        [
          ['学历结构', 'education', s.people.education],
          ['专业技术职称', 'titles', s.people.titles],
        ] as const
      ).map(([title, key, values]) => (
        <Col xs={24} xl={12} key={key}>
          <Card title={title} size="small">
            <Chart
              testId={`chart-${key}`}
              style={{ height: 240 }}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 50, right: 20, top: 20, bottom: 30 },
                xAxis: { type: 'category', data: Object.keys(values) },
                yAxis: { type: 'value' },
                series: [
                  {
                    type: 'bar',
                    data: Object.values(values),
                    itemStyle: { color: key === 'education' ? '#13a8a8' : '#722ed1' },
                    label: { show: true, position: 'top' },
                  },
                ],
              }}
              onClick={(p) =>
                drills.people(`${title}:${p.name}`, (x) => (key === 'education' ? x.education : x.titles)[p.name] ?? 0)
              }
            />
            <Space wrap>
              {Object.entries(values).map(([k, n]) => (
                <Tag key={k}>
                  {k}{' '}
                  <DrillNumber
                    value={n}
                    testId={`${key}-${k}`}
                    onClick={() =>
                      drills.people(`${title}:${k}`, (x) => (key === 'education' ? x.education : x.titles)[k] ?? 0)
                    }
                  />
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
