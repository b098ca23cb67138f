/**
 * "按方案查看": a selector of the scenarios the user may read; 总览 and 诊断 put the chosen one in the URL (?scenario=)
 * and ask the API for the district as that scenario would leave it.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Space } from 'antd';
import { Link } from 'react-router';
import { call } from '../api';
import { useParam } from '../hooks';

/** The scenario chosen in the URL, if any. */
export const useScenarioParam = () => useParam('scenario');

export function ScenarioSelector() {
  const [scenario, setScenario] = useScenarioParam();
  const list = useQuery({ queryKey: ['scenarios'], queryFn: () => call('GET /api/scenarios') });
  const options = (list.data?.items ?? [])
    .filter((s) => s.status !== 'applied')
    .map((s) => ({ value: s.id, label: `${s.name}(${s.statusLabel})` }));
  const chosen = list.data?.items.find((s) => s.id === scenario);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Space>
        <span>按方案查看</span>
        <Select
          allowClear
          placeholder="现状(不按方案)"
          style={{ width: 320 }}
          value={scenario}
          onChange={setScenario}
          options={options}
          loading={list.isLoading}
          data-testid="scenario-selector"
        />
      </Space>
      {scenario && (
        <Alert
          type="warning"
          showIcon
          data-testid="under-scenario"
          title={
            <span>
              以下为方案“{chosen?.name ?? scenario}”实施后的情况(基准日期 {chosen?.baseDate ?? '—'}),并非现状。
              <Link to={`/scenarios/${scenario}`} style={{ marginLeft: 8 }}>
                查看方案
              </Link>
            </span>
          }
        />
      )}
    </Space>
  );
}
