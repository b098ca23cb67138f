/** A transfer of duties: from one institution to another, all of them or the ones chosen. */
import { useQuery } from '@tanstack/react-query';
import { Select, Space } from 'antd';
import { call } from '../../api';
import { institutionSelect, type ItemProps } from './field-controls';

export function MoveDutiesFields({ item, set, options }: ItemProps) {
  const fromId = item.fromId as string | undefined;
  const duties = useQuery({
    queryKey: ['duties-of', fromId],
    queryFn: () => call('GET /api/duties', { query: { institutionId: fromId, pageSize: 500 } }),
    enabled: !!fromId,
  });
  return (
    <Space wrap align="start">
      {institutionSelect(item, set, options, 'fromId', '划出机构', {
        patch: (v) => ({ fromId: v, dutyIds: undefined }),
      })}
      {institutionSelect(
        item,
        set,
        options.filter((o) => o.value !== fromId),
        'toId',
        '划入机构',
      )}
      <Select
        mode="multiple"
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        disabled={!fromId}
        loading={duties.isLoading}
        placeholder="划转的事项(不选 = 全部职责)"
        style={{ width: 420 }}
        maxTagCount="responsive"
        value={(item.dutyIds as number[] | undefined) ?? []}
        onChange={(v: number[]) => set({ dutyIds: v.length ? v : undefined })}
        options={(duties.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title}(${d.sourceLabel})` }))}
        data-testid="item-dutyIds"
      />
    </Space>
  );
}
