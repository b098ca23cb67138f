/** An institution's 基本情况: its facts, its internal units and subordinate bodies, and who is hosted by it. */
import { Descriptions, Space } from 'antd';
import { Link } from 'react-router';
import type { InstitutionDetail } from '../../types';

export function InstitutionFacts({ d }: { d: InstitutionDetail }) {
  const i = d.institution;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label="机构名称">{i.name}</Descriptions.Item>
      <Descriptions.Item label="加挂牌子">{i.alsoNamed.join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label="机构类型">{i.kindLabel}</Descriptions.Item>
      <Descriptions.Item label="机构规格">{i.rank ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="上级(主管)机构">
        {i.parentId ? <Link to={`/institutions/${i.parentId}`}>{d.parentName}</Link> : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="挂靠">
        {i.hostedById ? <Link to={`/institutions/${i.hostedById}`}>{d.hostName}</Link> : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="统一社会信用代码">{i.code ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="设立日期">{i.establishedOn ?? '—'}</Descriptions.Item>
      {i.kind === 'public_institution' && (
        <>
          <Descriptions.Item label="事业单位类别">{i.piClass ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="经费形式">{i.funding ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="参照公务员法管理">{i.civilServiceManaged ? '是' : '否'}</Descriptions.Item>
        </>
      )}
      <Descriptions.Item label="职能事项">{d.dutyCount} 项</Descriptions.Item>
      <Descriptions.Item label="内设机构">
        <InstitutionLinks items={d.units.filter((u) => u.status === 'active' && u.kind === 'internal_unit')} />
      </Descriptions.Item>
      {d.units.some((u) => u.status === 'active' && u.kind !== 'internal_unit') && (
        <Descriptions.Item label="下属单位">
          <InstitutionLinks items={d.units.filter((u) => u.status === 'active' && u.kind !== 'internal_unit')} />
        </Descriptions.Item>
      )}
      <Descriptions.Item label="挂靠于本机构">
        <InstitutionLinks items={d.hosted} />
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Institutions as links to their files, or "—" when there are none. */
function InstitutionLinks({ items }: { items: { id: string; name: string }[] }) {
  if (!items.length) return '—';
  return (
    <Space wrap>
      {items.map((u) => (
        <Link key={u.id} to={`/institutions/${u.id}`}>
          {u.name}
        </Link>
      ))}
    </Space>
  );
}
