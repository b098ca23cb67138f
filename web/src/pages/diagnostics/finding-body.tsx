/** One finding opened: the institutions, its figures, the texts behind it, the articles it offends and the measure. */
import { Descriptions, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { Highlighted } from '../../components/ui';
import type { Finding } from '../../types';
import { fullWidth } from './full-width';

export function FindingBody({ f }: { f: Finding }) {
  const texts = f.evidence.filter((e) => e.kind === 'text');
  const numbers = f.evidence.filter((e) => e.kind === 'number');
  const laws = f.evidence.filter((e) => e.kind === 'law');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div>
        <b>涉及机构:</b>
        <Space wrap>
          {f.institutions.map((i) => (
            <Link key={i.id} to={`/institutions/${i.id}`}>
              {i.name}
            </Link>
          ))}
        </Space>
      </div>
      {numbers.length > 0 && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          {numbers.map((n, i) => (
            <Descriptions.Item key={i} label={`${n.institution ? `${n.institution} ` : ''}${n.label}`}>
              {n.value}
              {n.unit ?? ''}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {texts.length > 0 && (
        <div>
          <b>依据材料:</b>
          {texts.map((t, i) => (
            <div key={i} style={{ borderLeft: '3px solid #f0f0f0', paddingLeft: 8, margin: '6px 0' }}>
              <Typography.Text type="secondary">{t.institution}:</Typography.Text>
              <Highlighted text={t.text} terms={t.highlight} />
            </div>
          ))}
        </div>
      )}
      {laws.map((l, i) => (
        <div key={i} data-testid="law" style={{ background: '#fafafa', padding: 8, borderRadius: 4 }}>
          <b>
            《{l.law}》{l.article}:
          </b>
          {l.text}
        </div>
      ))}
      <div>
        <b>对策建议:</b>
        {fullWidth(f.measure)}
      </div>
    </Space>
  );
}
