/** The institution tree: the registry grouped by kind, 挂靠 and the staffing figures on each node, filtered by name or 加挂牌子. */
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { KindTag } from '../../components/ui';
import type { InstitutionNode } from '../../types';

export interface TreeNode {
  key: string;
  title: ReactNode;
  children: TreeNode[];
}

export function buildTree(items: InstitutionNode[], filter: string, showAbolished: boolean): TreeNode[] {
  const visible = items.filter((i) => showAbolished || i.status === 'active');
  const ids = new Set(visible.map((i) => i.id));
  const byParent = new Map<string, InstitutionNode[]>();
  const roots: InstitutionNode[] = [];
  for (const i of visible) {
    if (i.parentId && ids.has(i.parentId)) byParent.set(i.parentId, [...(byParent.get(i.parentId) ?? []), i]);
    else roots.push(i);
  }
  const hostName = new Map(items.map((i) => [i.id, i.name]));
  const matches = (i: InstitutionNode): boolean =>
    !filter ||
    i.name.includes(filter) ||
    i.alsoNamed.some((a) => a.includes(filter)) ||
    (byParent.get(i.id) ?? []).some(matches);
  const node = (i: InstitutionNode): TreeNode => ({
    key: i.id,
    title: (
      <span
        data-testid={`tree-${i.name}`}
        style={i.status === 'abolished' ? { color: '#999', textDecoration: 'line-through' } : undefined}
      >
        {i.name} {i.kind !== 'internal_unit' && <KindTag kind={i.kind} label={i.kindLabel} />}
        {i.rank && <Tag>{i.rank}</Tag>}
        {i.hostedById && (
          <Tag color="geekblue" title="挂靠机构">
            挂靠 {hostName.get(i.hostedById)}
          </Tag>
        )}
        {i.status === 'abolished' && <Tag>已撤销</Tag>}
        {i.kind !== 'internal_unit' && (
          <Typography.Text
            type={i.actual > i.approved ? 'danger' : 'secondary'}
            style={{ fontSize: 12 }}
            title={`实有 ${i.actual} 人,核定编制 ${i.approved} 名`}
          >
            实有/核定 {i.actual}/{i.approved}
          </Typography.Text>
        )}
      </span>
    ),
    children: (byParent.get(i.id) ?? []).filter(matches).map(node),
  });
  // group the roots by kind, as the 编办 reads its 机构编制实名制 tables
  const groups = new Map<string, { label: string; items: InstitutionNode[] }>();
  for (const r of roots.filter(matches)) {
    const g = groups.get(r.kind) ?? { label: r.kindLabel, items: [] };
    g.items.push(r);
    groups.set(r.kind, g);
  }
  return [...groups].map(([kind, g]) => ({
    key: `kind:${kind}`,
    title: (
      <b>
        {g.label}({g.items.length})
      </b>
    ),
    children: g.items.map(node),
  }));
}
