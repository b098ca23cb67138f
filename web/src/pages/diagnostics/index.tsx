/**
 * 诊断: findings under the report's four headings, filterable, each with its evidence, the article it offends and the
 * measure; under a scenario (?scenario=), the findings the district would have after it.
 */
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Collapse, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { severityLabels, severityRank, type Severity } from '../../../../src/analysis/finding.js';
import { call } from '../../api';
import { ScenarioSelector, useScenarioParam } from '../../components/scenario-selector';
import { ErrorAlert, severityColors } from '../../components/ui';
import { ParamSelect } from '../../components/filter-select';
import { useInstitutionNames, useParam } from '../../hooks';
import type { Finding } from '../../types';
import { FindingBody } from './finding-body';
import { fullWidth } from './full-width';

const sections = ['机构设置', '职能配置', '人员结构', '管理体制'];

const severities = Object.keys(severityRank) as Severity[];

export function DiagnosticsPage() {
  const [code] = useParam('code');
  const [severity] = useParam('severity', severities);
  const [institutionId] = useParam('institutionId');
  const names = useInstitutionNames();
  const [scenario] = useScenarioParam();
  const all = useQuery({
    queryKey: ['diagnostics', '', scenario ?? ''],
    queryFn: () => call('GET /api/diagnostics', { query: { scenario } }),
  });
  const filtered = useQuery({
    queryKey: ['diagnostics', code ?? '', severity ?? '', institutionId ?? '', scenario ?? ''],
    queryFn: () =>
      call('GET /api/diagnostics', {
        // an unknown code in the URL is the server's to refuse (400, in Chinese)
        query: { code: code as Finding['code'] | undefined, severity, institutionId, scenario },
      }),
  });
  const codes = new Map<string, string>();
  for (const f of all.data?.findings ?? []) codes.set(f.code, f.codeLabel);
  const findings = filtered.data?.findings ?? [];
  return (
    <Card title="诊断:存在的主要问题" data-testid="diagnostics-page">
      <ScenarioSelector />
      <Space wrap style={{ marginBottom: 16 }}>
        <ParamSelect
          param="code"
          placeholder="问题类型"
          width={280}
          options={[...codes].map(([value, label]) => ({ value, label }))}
        />
        <ParamSelect param="severity" placeholder="严重程度" width={120} values={severities} labels={severityLabels} />
        <ParamSelect param="institutionId" placeholder="涉及机构" width={260} options={names.options(true)} search />
        <Typography.Text type="secondary">
          共 <span data-testid="findings-total">{filtered.data ? findings.length : '…'}</span> 项发现
        </Typography.Text>
      </Space>
      <ErrorAlert error={filtered.error} />
      {filtered.isLoading ? (
        <Skeleton active />
      ) : !findings.length ? (
        <Empty description="没有符合条件的问题" />
      ) : (
        sections.map((section, si) => {
          const inSection = findings.filter((f) => f.section === section);
          if (!inSection.length) return null;
          return (
            <div key={section} style={{ marginBottom: 24 }} data-testid={`section-${section}`}>
              <Typography.Title level={4}>
                ({['一', '二', '三', '四'][si]}){section}方面 <Badge count={inSection.length} color="#b71c1c" />
              </Typography.Title>
              <Collapse
                items={inSection.map((f) => ({
                  key: f.id,
                  label: (
                    <Space align="start">
                      <Tag color={severityColors[f.severity]}>{f.severityLabel}</Tag>
                      <Tag>{f.codeLabel}</Tag>
                      <span>{fullWidth(f.title)}</span>
                    </Space>
                  ),
                  children: <FindingBody f={f} />,
                }))}
              />
            </div>
          );
        })
      )}
    </Card>
  );
}
