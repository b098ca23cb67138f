/**
 * 总览's 待开展执行情况评估 card (机构编制管理评估办法(试行)): applied scenarios whose review date has come and which have
 * not been reviewed, oldest first, each opening its scenario. Only for those who may read scenarios (the API's access,
 * readDistrict); no card when nothing is due.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { chineseDate } from '../../../../src/domain/chinese-text.js';
import { call } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/ui';

export function ScenarioReviews() {
  const { can } = useAuth();
  const allowed = can('readDistrict');
  const reviews = useQuery({
    queryKey: ['scenarios', 'reviews'],
    queryFn: () => call('GET /api/scenarios/reviews', { query: {} }),
    enabled: allowed,
  });
  const items = reviews.data?.items ?? [];
  if (!allowed || (!reviews.error && items.length === 0)) return null;
  return (
    <Card title="待开展执行情况评估" data-testid="overview-reviews" style={{ marginBottom: 16 }}>
      <ErrorAlert error={reviews.error} />
      <List
        size="small"
        dataSource={items}
        rowKey={(r) => r.scenario.id}
        renderItem={(r) => (
          <List.Item data-testid="due-review" data-scenario={r.scenario.id}>
            <Space wrap>
              <Link to={`/scenarios/${r.scenario.id}`}>{r.scenario.name}</Link>
              {r.scenario.docNumber && <Typography.Text type="secondary">{r.scenario.docNumber}</Typography.Text>}
              <span>评估日期：{chineseDate(r.scenario.reviewOn!)}</span>
              {r.daysLate > 0 ? (
                <Tag color={r.overdue ? 'red' : 'orange'}>逾期{r.daysLate}天</Tag>
              ) : (
                <Tag color="gold">今日到期</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
