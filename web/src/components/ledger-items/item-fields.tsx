/** The form of one line item, by its kind of change; the larger ones (split, change, move duties) have their own files. */
import { useQuery } from '@tanstack/react-query';
import { Input, InputNumber, Select, Space, Typography } from 'antd';
import {
  leadershipLevels,
  postClassLabels,
  postClasses,
  publicInstitutionClasses,
  type QuotaCategory,
} from '../../../../src/domain/vocabulary.js';
import { call } from '../../api';
import { usePoolBalance } from '../../hooks';
import { optionsOf } from '../../components/ui';
import { ChangeFields } from './change-fields';
import {
  categoryOptions,
  institutionSelect,
  kindOptions,
  rankOptions,
  type ItemProps,
  type Option,
} from './field-controls';
import { MoveDutiesFields } from './move-duties-fields';
import { SplitFields } from './split-fields';

/** What the institution holds now in the chosen category, beside the new figure (核定编制 shows it before saving). */
function CurrentQuota({ institutionId, category }: { institutionId?: string; category?: QuotaCategory }) {
  const q = useQuery({
    queryKey: ['quota', institutionId, category],
    queryFn: () =>
      call('GET /api/institutions/:id/quotas/:category', { params: { id: institutionId!, category: category! } }),
    enabled: !!institutionId && !!category,
  });
  if (!q.data) return null;
  return (
    <Typography.Text type="secondary" data-testid="current-quota">
      现核定 {q.data.approved} 名,实有 {q.data.actual} 人
    </Typography.Text>
  );
}

/** What the 编制周转池 holds of the chosen category now (核拨 never takes more). */
function PoolBalance({ category }: { category?: QuotaCategory }) {
  const balance = usePoolBalance(category);
  if (balance === undefined) return null;
  return (
    <Typography.Text type="secondary" data-testid="pool-balance">
      周转池现有{balance}名
    </Typography.Text>
  );
}

export function ItemFields({ item, set, options }: ItemProps) {
  const inst = (field: string, placeholder = '机构') => institutionSelect(item, set, options, field, placeholder);
  const num = (field: string, placeholder: string) => (
    <InputNumber
      min={0}
      placeholder={placeholder}
      value={item[field] as number | undefined}
      onChange={(v) => set({ [field]: v ?? undefined })}
      data-testid={`item-${field}`}
    />
  );
  const text = (field: string, placeholder: string, width = 220) => (
    <Input
      placeholder={placeholder}
      style={{ width }}
      value={item[field] as string | undefined}
      onChange={(e) => set({ [field]: e.target.value })}
      data-testid={`item-${field}`}
    />
  );
  const choice = (field: string, placeholder: string, opts: Option[], width: number, allowClear = false) => (
    <Select
      placeholder={placeholder}
      allowClear={allowClear}
      style={{ width }}
      value={item[field] as string | undefined}
      onChange={(v) => set({ [field]: v })}
      options={opts}
      data-testid={`item-${field}`}
    />
  );
  const category = choice('category', '编制类别', categoryOptions, 170);
  switch (item.op) {
    case 'set_quota':
      return (
        <Space wrap>
          {inst('institutionId')}
          {category}
          {num('approved', '核定数')}
          <CurrentQuota institutionId={item.institutionId as string} category={item.category as QuotaCategory} />
        </Space>
      );
    case 'set_posts':
      return (
        <Space wrap>
          {inst('institutionId')}
          {choice('level', '层级', optionsOf(leadershipLevels), 100)}
          {choice('postClass', '类别', optionsOf(postClasses, postClassLabels), 100)}
          {num('approved', '核定职数')}
        </Space>
      );
    case 'rename_institution':
      return (
        <Space wrap>
          {inst('institutionId')}
          {text('name', '新名称')}
        </Space>
      );
    case 'create_institution':
      return (
        <Space wrap>
          {text('name', '机构名称')}
          {choice('kind', '机构类别', kindOptions, 150)}
          {choice('rank', '规格', rankOptions, 90, true)}
          {inst('parentId', item.kind === 'internal_unit' ? '所属机构' : '上级机构(可空)')}
          {item.kind !== 'internal_unit' && inst('hostedById', '挂靠单位(可空)')}
          {item.kind === 'public_institution' &&
            choice('piClass', '事业单位类别', optionsOf(publicInstitutionClasses), 140, true)}
        </Space>
      );
    case 'abolish_institution':
      return (
        <Space wrap>
          {inst('institutionId')}
          {institutionSelect(
            item,
            set,
            options.filter((o) => o.value !== item.institutionId),
            'peopleTo',
            '人员转入机构（可空）',
            { optional: true },
          )}
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
            {item.peopleTo
              ? '全部人员于生效日调动至该机构；编制须另行划转或核减'
              : '不选转入机构时，须先调出全部人员；编制须另行划转或核减'}
          </Typography.Text>
        </Space>
      );
    case 'move_quota':
      return (
        <Space wrap>
          {inst('fromId', '划出机构')}
          {inst('toId', '划入机构')}
          {category}
          {num('amount', '数量')}
        </Space>
      );
    case 'reclaim_to_pool':
    case 'allocate_from_pool':
      return (
        <Space wrap>
          {inst('institutionId', item.op === 'reclaim_to_pool' ? '收回空编的机构' : '核拨给的机构')}
          {category}
          {num('amount', '数量')}
          <CurrentQuota institutionId={item.institutionId as string} category={item.category as QuotaCategory} />
          {item.op === 'allocate_from_pool' && <PoolBalance category={item.category as QuotaCategory} />}
        </Space>
      );
    case 'merge_institutions':
      return (
        <Space wrap align="start">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="并入的机构(可多选)"
            style={{ width: 360 }}
            value={item.sourceIds as string[]}
            onChange={(v) => set({ sourceIds: v })}
            options={options.filter((o) => o.value !== item.targetId)}
            data-testid="item-sourceIds"
          />
          <span style={{ lineHeight: '32px' }}>并入</span>
          {inst('targetId', '保留的机构')}
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
            编制、领导职数、人员、职责与内设机构随之转入,被并入的机构撤销
          </Typography.Text>
        </Space>
      );
    case 'split_institution':
      return <SplitFields item={item} set={set} options={options} />;
    case 'change_institution':
      return <ChangeFields item={item} set={set} options={options} />;
    case 'move_duties':
      return <MoveDutiesFields item={item} set={set} options={options} />;
    default:
      return null;
  }
}
