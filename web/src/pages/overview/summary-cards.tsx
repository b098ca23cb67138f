/** 总览's eight number cards: institutions (against the cap set from above) and the quota's use; each opens its drill-down. */
import { Card, Col, Row, Statistic, Tag } from 'antd';
import type { Statistics } from '../../types';
import type { OverviewDrills, QuotaMetric } from './drill';

interface SummaryCard {
  key: string;
  title: string;
  value: number;
  onClick: () => void;
  color?: string;
  note?: string;
}

/** The quota's four figures in the district, each a card. */
const quotaCards: { metric: QuotaMetric; title: string; color?: string }[] = [
  { metric: 'approved', title: '核定编制' },
  { metric: 'actual', title: '实有人员' },
  { metric: 'vacant', title: '空编', color: '#d48806' },
  { metric: 'over', title: '超编', color: '#cf1322' },
];

export function SummaryCards({ s, drills }: { s: Statistics; drills: OverviewDrills }) {
  const cards: SummaryCard[] = [
    {
      key: 'institutions',
      title: '机构(不含内设)',
      value: s.overview.institutions.total,
      onClick: () => drills.institutions('全部机构', (i) => i.kind !== 'internal_unit'),
    },
    {
      key: 'party-gov',
      title: `党政机构(限额 ${s.limits?.partyGovInstitutionCap ?? '—'})`,
      value: s.overview.institutions.partyGov,
      // above the cap set from above: red, with how many over
      ...(s.limits?.partyGovInstitutionCap !== undefined &&
      s.overview.institutions.partyGov > s.limits.partyGovInstitutionCap
        ? {
            color: '#cf1322',
            note: `超出限额 ${s.overview.institutions.partyGov - s.limits.partyGovInstitutionCap} 个`,
          }
        : {}),
      onClick: () => drills.institutions('党政机构', (i) => i.kind === 'party_dept' || i.kind === 'gov_dept'),
    },
    {
      key: 'hosted',
      title: '挂靠机构',
      value: s.overview.institutions.hosted,
      onClick: () => drills.institutions('挂靠机构', (i) => !!i.hostedById),
    },
    {
      key: 'internal-units',
      title: '内设机构',
      value: s.overview.institutions.internalUnits,
      onClick: () => drills.institutions('内设机构', (i) => i.kind === 'internal_unit'),
    },
    ...quotaCards.map(({ metric, title, color }) => ({
      key: metric,
      title,
      value: s.overview.quota.total![metric],
      onClick: () => drills.quota('total', metric),
      color,
    })),
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col xs={12} md={6} xl={3} key={c.key}>
          <Card size="small" hoverable onClick={c.onClick} data-testid={`card-${c.key}`}>
            <Statistic
              title={<span style={{ whiteSpace: 'nowrap' }}>{c.title}</span>}
              value={c.value}
              styles={{ content: c.color ? { color: c.color } : undefined }}
            />
            {c.note && (
              <Tag color="red" style={{ marginTop: 4 }} data-testid={`card-${c.key}-note`}>
                {c.note}
              </Tag>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
