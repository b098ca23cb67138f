/** 诊断: findings under the report's four headings, filterable, each with its evidence, the article it offends and the measure. */
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Collapse, Empty, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { severityRank, type Severity } from '../../../../src/analysis/finding.js';
import { call } from '../../api';
import { ErrorAlert, severityColors } from '../../components/ui';
import { useInstitutionNames, useParam } from '../../hooks';
import type { Finding } from '../../types';
import { FindingBody } from './finding-body';
import { fullWidth } from './full-width';

const sections = ['机构设置', '职能配置', '人员结构', '管理体制'];

const severities = Object.keys(severityRank) as Severity[];

export function DiagnosticsPage() {
  const [code, setCode] = useParam('code');
  const [severity, setSeverity] = useParam('severity', severities);
  const [institutionId, setInstitutionId] = useParam('institutionId');
  const names = useInstitutionNames();
  const all = useQuery({
    queryKey: ['diagnostics', ''],
    queryFn: () => call('GET /api/diagnostics'),
  });
  const filtered = useQuery({
    queryKey: ['diagnostics', code ?? '', severity ?? '', institutionId ?? ''],
    queryFn: () =>
      call('GET /api/diagnostics', {
        // an unknown code in the URL is the server's to refuse (400, in Chinese)
        query: { code: code as Finding['code'] | undefined, severity, institutionId },
      }),
  });
  const codes = new Map<string, string>();
  for (const f of all.data?.findings ?? []) codes.set(f.code, f.codeLabel);
  const findings = filtered.data?.findings ?? [];
  return (
    <Card title="诊断:存在的主要问题" data-testid="diagnostics-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="问题类型"
          style={{ width: 280 }}
          value={code}
          onChange={setCode}
          options={[...codes].map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="严重程度"
          style={{ width: 120 }}
          value={severity}
          onChange={setSeverity}
          options={[
            { value: 'high', label: '高' },
            { value: 'medium', label: '中' },
            { value: 'low', label: '低' },
          ]}
        />
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder="涉及机构"
          style={{ width: 260 }}
          value={institutionId}
          onChange={setInstitutionId}
          options={(names.data?.items ?? [])
            .filter((i) => i.status === 'active')
            .map((i) => ({ value: i.id, label: names.nameOf(i.id) }))}
        />
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
