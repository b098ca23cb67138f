/** 交叉重叠: the DUTY_OVERLAP findings, each cluster's texts side by side with the shared wording marked; 10 a page. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Pagination, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DiagnosticCode } from '../../../../src/analysis/finding.js';
import { call } from '../../api';
import { ErrorAlert, Highlighted, severityColors } from '../../components/ui';

function useFindings(code?: DiagnosticCode) {
  return useQuery({
    queryKey: ['diagnostics', code ?? ''],
    queryFn: () => call('GET /api/diagnostics', { query: { code } }),
  });
}

const overlapsPerPage = 10;

export function OverlapExplorer() {
  const f = useFindings('DUTY_OVERLAP');
  const [page, setPage] = useState(1);
  if (f.error) return <ErrorAlert error={f.error} />;
  const findings = f.data?.findings ?? [];
  if (f.data && !findings.length) return <Empty description="未发现职能交叉重叠" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="overlaps">
      <Typography.Text type="secondary">共 {findings.length} 组交叉重叠职责,相同或相近的表述已标出。</Typography.Text>
      {findings.slice((page - 1) * overlapsPerPage, page * overlapsPerPage).map((x) => {
        const texts = x.evidence.filter((e) => e.kind === 'text');
        return (
          <Card
            key={x.id}
            size="small"
            data-testid="overlap-group"
            title={
              <Space wrap>
                <Tag color={severityColors[x.severity]}>{x.severityLabel}</Tag>
                {x.measures.domain && <Tag>{String(x.measures.domain)}</Tag>}
                <span style={{ whiteSpace: 'normal' }}>{x.title}</span>
              </Space>
            }
          >
            <Row gutter={12}>
              {texts.map((t, i) => (
                <Col key={i} xs={24} md={Math.max(6, Math.floor(24 / texts.length))}>
                  <Card
                    size="small"
                    type="inner"
                    title={<Link to={`/institutions/${t.institutionId}`}>{t.institution}</Link>}
                  >
                    <Highlighted text={t.text} terms={t.highlight} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              <b>建议:</b>
              {x.measure}
            </Typography.Paragraph>
          </Card>
        );
      })}
      <Pagination
        align="center"
        current={page}
        pageSize={overlapsPerPage}
        total={findings.length}
        hideOnSinglePage
        showSizeChanger={false}
        showTotal={(n) => `共 ${n} 组`}
        onChange={(p) => {
          setPage(p);
          window.scrollTo({ top: 0 });
        }}
        data-testid="overlap-pagination"
      />
    </Space>
  );
}
