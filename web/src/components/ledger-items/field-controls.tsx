/** What the item forms share: their props, the option lists, and the searchable field naming an institution. */
import { Select } from 'antd';
import {
  institutionKindLabels,
  institutionKinds,
  quotaCategories,
  quotaCategoryLabels,
  ranks,
} from '../../../../src/domain/vocabulary.js';
import { optionsOf } from '../../components/ui';
import type { DraftItem } from './draft-items';

export type Option = { value: string; label: string };
/** What every item form gets: the item, a way to change it, and the institutions to pick from. */
export type ItemProps = { item: DraftItem; set: (patch: Record<string, unknown>) => void; options: Option[] };

export const kindOptions = optionsOf(institutionKinds, institutionKindLabels);
export const rankOptions = optionsOf(ranks);
export const categoryOptions = optionsOf(quotaCategories, quotaCategoryLabels);

/** An item's field naming an institution, searchable by name. */
export function institutionSelect(
  item: DraftItem,
  set: (patch: Record<string, unknown>) => void,
  options: Option[],
  field: string,
  placeholder = '机构',
  more: {
    extra?: Option[];
    patch?: (v: string | undefined) => Record<string, unknown>;
    /** May be left empty (cleared). */
    optional?: boolean;
  } = {},
) {
  const extra = more.extra ?? [];
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={extra.length > 0 || more.optional}
      placeholder={placeholder}
      style={{ width: 260 }}
      value={item[field] as string | undefined}
      onChange={(v: string | undefined) => set(more.patch ? more.patch(v) : { [field]: v })}
      options={[...extra, ...options]}
      data-testid={`item-${field}`}
    />
  );
}
