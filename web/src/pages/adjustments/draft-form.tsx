/** The draft form of a 编制事项: 文号, 标题, 生效日期 and its line items, checked by the server's schema before saving. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Divider, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { adjustmentDraftSchema } from '../../../../src/domain/ledger.js';
import { call, etagOf } from '../../api';
import { useInstitutionNames, useSubmit } from '../../hooks';
import type { Adjustment, AdjustmentItem } from '../../types';
import {
  draftProblem,
  fromItem,
  newItem,
  opLabels,
  toItem,
  type DraftItem,
} from '../../components/ledger-items/draft-items';
import { ItemFields } from '../../components/ledger-items/item-fields';

/**
 * Items that may change something of substance (设立、合并、拆分、撤销机构, 核定编制、领导职数): the 申请事项评估 asks
 * their necessity and basis. Whether a 核定 raises the number is known only against the registry (the submit dialog).
 */
const substantiveOps = new Set<string>([
  'create_institution',
  'merge_institutions',
  'split_institution',
  'abolish_institution',
  'set_quota',
  'set_posts',
]);

export const evaluationWarning =
  '本编制事项涉及机构设立撤并或编制、领导职数调整，尚未填写必要性和依据。按照《机构编制管理评估办法（试行）》，提请审批前应开展申请事项评估，写明必要性和依据。';

export type AdjustmentFileData = Adjustment & { items: AdjustmentItem[] };

/** A new draft, or (given `existing`) the draft being edited: saved with If-Match, so a draft changed meanwhile is refused. */
/** A field of the 编制事项's head (文号, 标题): its name before the box. */
const docField = (
  label: string,
  placeholder: string,
  value: string,
  set: (v: string) => void,
  width: number,
  testId: string,
) => (
  <Input
    addonBefore={label}
    placeholder={placeholder}
    value={value}
    onChange={(e) => set(e.target.value)}
    style={{ width }}
    data-testid={testId}
  />
);

export function DraftForm({ existing }: { existing?: AdjustmentFileData }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const names = useInstitutionNames();
  const [docNumber, setDocNumber] = useState(existing?.docNumber ?? '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [effectiveOn, setEffectiveOn] = useState(existing?.effectiveOn ?? dayjs().format('YYYY-MM-DD'));
  const [evaluation, setEvaluation] = useState(existing?.evaluation ?? '');
  const [items, setItems] = useState<DraftItem[]>(() =>
    existing ? existing.items.map(fromItem) : [newItem('set_quota')],
  );
  const unevaluated = !evaluation.trim() && items.some((i) => substantiveOps.has(i.op));
  const { busy, error, setError, run } = useSubmit();
  const options = names.options(true);
  const save = async () => {
    const draft = {
      docNumber,
      title,
      effectiveOn,
      items: items.map(toItem),
      ...(evaluation.trim() && { evaluation }),
    };
    const missing = draftProblem(draft);
    if (missing) {
      setError(missing);
      return;
    }
    await run(async () => {
      const body = adjustmentDraftSchema.parse(draft);
      const a = existing
        ? await call('PATCH /api/adjustments/:id', { params: { id: existing.id }, body, ifMatch: etagOf(existing) })
        : await call('POST /api/adjustments', { body });
      if (unevaluated) message.warning(`草稿已保存。${evaluationWarning}`);
      else message.success('草稿已保存');
      await client.invalidateQueries({ queryKey: ['adjustments'] });
      if (existing) await client.invalidateQueries({ queryKey: ['adjustment', existing.id] });
      navigate(`/adjustments/${a.id}`, { replace: !!existing });
    });
  };
  return (
    <Card title={existing ? `修改草稿:${existing.docNumber}` : '新建编制事项'} data-testid="draft-form">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          {docField('文号', '如 示编〔2026〕12号', docNumber, setDocNumber, 280, 'doc-number')}
          {docField('标题', '关于……的批复', title, setTitle, 420, 'doc-title')}
          <span>生效日期</span>
          <DatePicker
            value={dayjs(effectiveOn)}
            allowClear={false}
            onChange={(d) => d && setEffectiveOn(d.format('YYYY-MM-DD'))}
            data-testid="effective-on"
          />
        </Space>
        <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
          调整事项
        </Divider>
        {items.map((item, index) => (
          <Card size="small" key={item.key} data-testid={`item-${index}`}>
            <Space align="start" wrap>
              <b>{index + 1}.</b>
              <Select
                style={{ width: 150 }}
                value={item.op}
                onChange={(op) =>
                  setItems((xs) => xs.map((x) => (x.key === item.key ? { ...newItem(op), key: x.key } : x)))
                }
                options={Object.entries(opLabels).map(([value, label]) => ({ value, label }))}
                data-testid="item-op"
              />
              <ItemFields
                item={item}
                options={options}
                set={(patch) => setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, ...patch } : x)))}
              />
              {items.length > 1 && (
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => setItems((xs) => xs.filter((x) => x.key !== item.key))}
                />
              )}
            </Space>
          </Card>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setItems((xs) => [...xs, newItem('set_quota')])}>
          增加一项
        </Button>
        <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
          必要性和依据（申请事项评估）
        </Divider>
        <Input.TextArea
          value={evaluation}
          onChange={(e) => setEvaluation(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={4000}
          placeholder="写明调整的必要性（要解决什么问题、职责和工作任务的变化）和依据（政策文件、上级要求、测算情况）"
          data-testid="evaluation"
        />
        {unevaluated && <Alert type="warning" showIcon title={evaluationWarning} data-testid="evaluation-warning" />}
        {error && <Alert type="error" showIcon title={error} data-testid="draft-error" />}
        <Space>
          <Button type="primary" loading={busy} onClick={save} data-testid="save-draft">
            保存草稿
          </Button>
          <Button onClick={() => navigate(existing ? `/adjustments/${existing.id}` : '/adjustments')}>取消</Button>
        </Space>
      </Space>
    </Card>
  );
}
