/** A change of an institution's attributes: only the fields filled in change; "none" clears a parent or a host. */
import { Select, Space, Typography } from 'antd';
import { fundingForms, publicInstitutionClasses } from '../../../../src/domain/vocabulary.js';
import { optionsOf } from '../../components/ui';
import { institutionSelect, kindOptions, rankOptions, type ItemProps, type Option } from './field-controls';

/** "no parent" / "no host" in a change: the API takes null, a Select cannot hold it. */
const none = '__none__';

export function ChangeFields({ item, set, options }: ItemProps) {
  const changes = item.changes as Record<string, unknown>;
  const change = (field: string, v: unknown) => {
    const next = { ...changes };
    if (v === undefined) delete next[field];
    else next[field] = v;
    set({ changes: next });
  };
  const select = (field: string, placeholder: string, opts: Option[], width = 150) => (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={changes[field] === null ? none : (changes[field] as string | undefined)}
      onChange={(v) => change(field, v === none ? null : v)}
      options={opts}
      data-testid={`change-${field}`}
    />
  );
  return (
    <Space orientation="vertical">
      <Space wrap>
        {institutionSelect(item, set, options, 'institutionId')}
        <Typography.Text type="secondary">只填要改的项,留空的不变</Typography.Text>
      </Space>
      <Space wrap>
        {select('kind', '机构类别', kindOptions)}
        {select('rank', '规格', rankOptions, 100)}
        {select('parentId', '上级机构', [{ value: none, label: '(无上级)' }, ...options], 220)}
        {select('hostedById', '挂靠单位', [{ value: none, label: '(取消挂靠)' }, ...options], 220)}
        {select('piClass', '事业单位类别', optionsOf(publicInstitutionClasses))}
        {select('funding', '经费形式', optionsOf(fundingForms), 110)}
        <Select
          allowClear
          placeholder="参公"
          style={{ width: 110 }}
          value={changes.civilServiceManaged as boolean | undefined}
          onChange={(v) => change('civilServiceManaged', v)}
          options={[
            { value: true, label: '参公管理' },
            { value: false, label: '不参公' },
          ]}
        />
      </Space>
    </Space>
  );
}
