/** 起草用编申请: the unit, category, count, channel and reason, with the unit's vacancy explained before saving. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { quotaCategories, quotaCategoryLabels, type QuotaCategory } from '../../../../src/domain/vocabulary.js';
import { recruitmentChannelLabels, recruitmentChannels } from '../../../../src/domain/staffing.js';
import { call, errorMessage } from '../../api';
import { useInstitutionNames } from '../../hooks';
import type { StaffingOverview } from '../../types';

interface Values {
  institutionId: string;
  category: QuotaCategory;
  count: number;
  channel: (typeof recruitmentChannels)[number];
  reason: string;
}

/** What the figures say about a request of `count` places: the rule the server applies on submit, in Chinese. */
export function vacancyText(row: StaffingOverview['rows'][number] | undefined, count: number) {
  if (!row) return { ok: false, text: '该机构没有核定此类编制,不能申请使用' };
  const figures = `核定${row.approved}名,实有${row.actual}名,已核准待入编${row.reserved}名,可用空编${row.available}名`;
  if (row.actual > row.approved) return { ok: false, text: `${figures}。超编单位不得进人` };
  if (row.available >= count) return { ok: true, text: `${figures}。申请${count}名,空编足够` };
  if (row.available === 0 && row.unreplacedLeavers >= count) {
    return { ok: true, text: `${figures}。已满编,可按出一进一补充近期减员${row.unreplacedLeavers}名` };
  }
  return { ok: false, text: `${figures}。不足申请的${count}名,提交时将被拒绝` };
}

export function RequestForm({
  open,
  onClose,
  overview,
}: {
  open: boolean;
  onClose: () => void;
  overview: StaffingOverview | undefined;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const names = useInstitutionNames();
  const [values, setValues] = useState<Partial<Values>>({ count: 1 });
  const save = useMutation({
    mutationFn: (v: Values) => call('POST /api/staffing/requests', { body: v }),
    onSuccess: async () => {
      message.success('已起草用编申请');
      await client.invalidateQueries({ queryKey: ['staffing'] });
      form.resetFields();
      setValues({ count: 1 });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const institutions = (names.data?.items ?? [])
    .filter((i) => i.status === 'active' && i.kind !== 'internal_unit' && i.kind !== 'coordination')
    .map((i) => ({ value: i.id, label: i.name }));
  const row = overview?.rows.find((r) => r.institutionId === values.institutionId && r.category === values.category);
  const verdict = values.institutionId && values.category ? vacancyText(row, values.count ?? 1) : undefined;

  return (
    <Drawer title="起草用编申请" open={open} onClose={onClose} size={520} data-testid="staffing-form">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ count: 1 }}
        onValuesChange={(_, all) => setValues(all)}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="institutionId" label="用编单位" rules={[{ required: true, message: '请选择用编单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={institutions}
            placeholder="选择机构"
            data-testid="staffing-institution"
          />
        </Form.Item>
        <Form.Item name="category" label="编制类别" rules={[{ required: true, message: '请选择编制类别' }]}>
          <Select
            options={quotaCategories.map((c) => ({ value: c, label: quotaCategoryLabels[c] }))}
            data-testid="staffing-category"
          />
        </Form.Item>
        <Form.Item name="count" label="申请名额" rules={[{ required: true, message: '请填写申请名额' }]}>
          <InputNumber min={1} max={10000} precision={0} data-testid="staffing-count" />
        </Form.Item>
        <Form.Item name="channel" label="补充渠道" rules={[{ required: true, message: '请选择补充渠道' }]}>
          <Select
            options={recruitmentChannels.map((c) => ({ value: c, label: recruitmentChannelLabels[c] }))}
            data-testid="staffing-channel"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="用编理由"
          rules={[{ required: true, whitespace: true, message: '请写明用编理由' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="staffing-reason" />
        </Form.Item>
        {verdict && (
          <Alert
            type={verdict.ok ? 'info' : 'warning'}
            showIcon
            title="空编核查"
            description={verdict.text}
            style={{ marginBottom: 16 }}
            data-testid="staffing-vacancy"
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="staffing-save">
            保存草稿
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
