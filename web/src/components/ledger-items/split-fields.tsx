/** A split: the institution split, whether it is abolished (and who takes the rest), each new institution with the quota it takes. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber, Select, Space } from 'antd';
import { newPart, type Part } from './draft-items';
import { categoryOptions, institutionSelect, kindOptions, rankOptions, type ItemProps } from './field-controls';

export function SplitFields({ item, set, options }: ItemProps) {
  const parts = item.parts as Part[];
  const setPart = (id: string, patch: Partial<Part>) =>
    set({ parts: parts.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
  return (
    <Space orientation="vertical">
      <Space wrap>
        {institutionSelect(item, set, options, 'sourceId', '被拆分的机构')}
        <Checkbox
          checked={!!item.abolishSource}
          onChange={(e) => set({ abolishSource: e.target.checked })}
          data-testid="item-abolishSource"
        >
          撤销原机构
        </Checkbox>
        {!!item.abolishSource && (
          <Select
            style={{ width: 220 }}
            value={item.successor as number}
            onChange={(v) => set({ successor: v })}
            options={parts.map((p, i) => ({ value: i, label: `余下的转入:${p.name || `新机构${i + 1}`}` }))}
          />
        )}
      </Space>
      {parts.map((p, i) => (
        <Space key={p.id} wrap data-testid={`part-${i}`}>
          <span>新机构{i + 1}</span>
          <Input
            placeholder="名称"
            style={{ width: 200 }}
            value={p.name}
            onChange={(e) => setPart(p.id, { name: e.target.value })}
            data-testid="part-name"
          />
          <Select
            placeholder="机构类别"
            style={{ width: 140 }}
            value={p.kind}
            onChange={(v) => setPart(p.id, { kind: v })}
            options={kindOptions.filter((k) => k.value !== 'internal_unit')}
            data-testid="part-kind"
          />
          <Select
            placeholder="规格"
            allowClear
            style={{ width: 90 }}
            value={p.rank}
            onChange={(v) => setPart(p.id, { rank: v })}
            options={rankOptions}
          />
          {p.quotas.map((q, qi) => (
            <Space.Compact key={qi}>
              <Select
                placeholder="带走的编制类别"
                style={{ width: 150 }}
                value={q.category}
                onChange={(v) =>
                  setPart(p.id, { quotas: p.quotas.map((x, j) => (j === qi ? { ...x, category: v } : x)) })
                }
                options={categoryOptions}
                data-testid="part-category"
              />
              <InputNumber
                min={0}
                placeholder="名"
                value={q.amount}
                onChange={(v) =>
                  setPart(p.id, {
                    quotas: p.quotas.map((x, j) => (j === qi ? { ...x, amount: v ?? undefined } : x)),
                  })
                }
                data-testid="part-amount"
              />
            </Space.Compact>
          ))}
          <Button size="small" onClick={() => setPart(p.id, { quotas: [...p.quotas, {}] })}>
            加一类编制
          </Button>
          {parts.length > 1 && (
            <Button
              size="small"
              icon={<DeleteOutlined />}
              onClick={() => set({ parts: parts.filter((x) => x.id !== p.id), successor: 0 })}
            />
          )}
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => set({ parts: [...parts, newPart()] })}>
        再拆出一个机构
      </Button>
    </Space>
  );
}
