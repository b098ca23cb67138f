/** How an item reads in the file of a 编制事项 ("从 A 划转行政编制 2 名至 B"). */
import { institutionKindLabels, postClassLabels, quotaCategoryLabels } from '../../../../src/domain/vocabulary.js';
import type { AdjustmentItem } from '../../types';
import type { Part, QuotaLine } from './draft-items';

const changeFields = ['kind', 'rank', 'parentId', 'hostedById', 'piClass', 'funding', 'civilServiceManaged'] as const;

const categoryLabel = (c: unknown) => quotaCategoryLabels[c as keyof typeof quotaCategoryLabels] ?? String(c);

export function describeItem(item: AdjustmentItem, nameOf: (id: string) => string): string {
  const n = (k: string) => nameOf(String((item as Record<string, unknown>)[k] ?? ''));
  switch (item.op) {
    case 'set_quota':
      return `${n('institutionId')} ${categoryLabel(item.category)} 核定为 ${item.approved} 名`;
    case 'set_posts':
      return `${n('institutionId')} ${item.level}(${postClassLabels[item.postClass as keyof typeof postClassLabels] ?? item.postClass})领导职数核定为 ${item.approved} 名`;
    case 'rename_institution':
      return `${n('institutionId')} 更名为"${item.name}"`;
    case 'create_institution':
      return `${item.parentId ? `在 ${n('parentId')} 下` : ''}设立${institutionKindLabels[item.kind as keyof typeof institutionKindLabels] ?? ''}"${item.name}"${item.rank ? `(${item.rank})` : ''}${item.hostedById ? `,挂靠 ${n('hostedById')}` : ''}`;
    case 'abolish_institution':
      return `撤销 ${n('institutionId')}${item.peopleTo ? `，人员转入 ${n('peopleTo')}` : ''}`;
    case 'move_people': {
      const count = ((item.personIds as string[] | undefined) ?? []).length;
      return `${n('fromId')} 的 ${count} 名人员调动至 ${n('toId')}${item.reason ? `（${String(item.reason)}）` : ''}`;
    }
    case 'move_quota':
      return `从 ${n('fromId')} 划转 ${categoryLabel(item.category)} ${item.amount} 名至 ${n('toId')}`;
    case 'reclaim_to_pool':
      return `收回 ${n('institutionId')} 空编 ${categoryLabel(item.category)} ${item.amount} 名入编制周转池`;
    case 'lend_from_pool':
      return `从编制周转池周转 ${categoryLabel(item.category)} ${item.amount} 名给 ${n('institutionId')}，${item.returnBy} 前归还`;
    case 'allocate_from_pool':
      return `从编制周转池核拨 ${categoryLabel(item.category)} ${item.amount} 名给 ${n('institutionId')}（长期使用，不再归还）`;
    case 'merge_institutions':
      return `${((item.sourceIds as string[]) ?? []).map(nameOf).join('、')} 并入 ${n('targetId')}`;
    case 'split_institution': {
      const parts = (item.parts as (Part & { quotas: QuotaLine[] })[]) ?? [];
      const told = parts.map((p) => {
        const q = p.quotas.map((x) => `${categoryLabel(x.category)} ${x.amount} 名`).join('、');
        return `"${p.name}"${q ? `(带走${q})` : ''}`;
      });
      const rest = item.abolishSource
        ? `;撤销 ${n('sourceId')},余下的转入"${parts[Number(item.successor ?? 0)]?.name ?? ''}"`
        : '';
      return `从 ${n('sourceId')} 拆出 ${told.join('、')}${rest}`;
    }
    case 'change_institution': {
      const c = (item.changes ?? {}) as Record<string, unknown>;
      const said = changeFields
        .filter((f) => f in c)
        .map((f) => {
          const v = c[f];
          if (f === 'kind') return `类别改为${institutionKindLabels[v as keyof typeof institutionKindLabels] ?? v}`;
          if (f === 'rank') return `规格改为${v ?? '(无)'}`;
          if (f === 'parentId') return v ? `上级改为 ${nameOf(String(v))}` : '不再有上级机构';
          if (f === 'hostedById') return v ? `改为挂靠 ${nameOf(String(v))}` : '取消挂靠';
          if (f === 'piClass') return `事业单位类别改为${v}`;
          if (f === 'funding') return `经费形式改为${v}`;
          return v ? '参照公务员法管理' : '不再参照公务员法管理';
        });
      return `${n('institutionId')}:${said.join(',') || '(未填写调整内容)'}`;
    }
    case 'move_duties': {
      const ids = item.dutyIds as number[] | undefined;
      return `${n('fromId')} 的${ids?.length ? ` ${ids.length} 项` : '全部'}职责划转至 ${n('toId')}`;
    }
    default:
      return JSON.stringify(item);
  }
}
