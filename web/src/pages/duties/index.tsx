/** 职能: the duty browser, the overlap explorer (DUTY_OVERLAP clusters side by side) and a domain × institution heat map. */
import { Card, Tabs } from 'antd';
import { useAuth } from '../../auth';
import { useParam } from '../../hooks';
import { DomainHeatmap } from './domain-heatmap';
import { DutyBrowser } from './duty-browser';
import { OverlapExplorer } from './overlap-explorer';

export function DutiesPage() {
  const { can } = useAuth();
  const [tab, setTab] = useParam('tab');
  return (
    <Card title="职能与权责清单" data-testid="duties-page">
      <Tabs
        activeKey={tab ?? 'browse'}
        onChange={(k) => setTab(k === 'browse' ? undefined : k)}
        items={[
          { key: 'browse', label: '职能浏览', children: <DutyBrowser /> },
          ...(can('readDistrict')
            ? [
                { key: 'overlap', label: '交叉重叠', children: <OverlapExplorer /> },
                { key: 'heatmap', label: '领域分布', children: <DomainHeatmap /> },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
