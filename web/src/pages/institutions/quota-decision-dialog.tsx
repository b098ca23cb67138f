/**
 * 登记核定编制数: an approver records the number the 编委 decided for one category of an institution (one set_quota
 * 编制事项, created and applied by the server). The quota's tag is read when the dialog opens and sent as If-Match, so
 * a number changed meanwhile is refused, never overwritten; the server's refusals are shown in the form.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { quotaCategories, quotaCategoryLabels, type QuotaCategory } from '../../../../src/domain/vocabulary.js';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ui';
import { useSubmit } from '../../hooks';
import { evaluationWarning } from '../adjustments/draft-form';

interface Values {
  category?: QuotaCategory;
  approved?: number | null;
  docNumber?: string;
  title?: string;
  effectiveOn?: Dayjs;
  evaluation?: string;
}

export function QuotaDecisionDialog({
  institution,
  category: given,
  taken,
  onClose,
}: {
  institution: { id: string; name: string };
  /** The row's category; absent, the dialog asks for one of the categories not yet approved. */
  category?: QuotaCategory;
  /** The categories the institution already has (not offered as new). */
  taken: readonly string[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { busy, error, setError, run } = useSubmit();
  const [values, setValues] = useState<Values>({});
  const category = given ?? values.category;
  const quota = useQuery({
    queryKey: ['quota', institution.id, category],
    queryFn: () =>
      call('GET /api/institutions/:id/quotas/:category', { params: { id: institution.id, category: category! } }),
    enabled: !!category,
    // read afresh each time the dialog opens, then kept: its tag is the version the user saw, and the decision is
    // checked against it (read again only after a refusal, when the form shows the number that now stands)
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const current = quota.data?.approved;
  const label = category ? quotaCategoryLabels[category] : '';
  const raise = current !== undefined && typeof values.approved === 'number' && values.approved > current;
  const unevaluated = raise && !values.evaluation?.trim();

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v || !category) return;
    if (!quota.data) {
      setError('尚未读取到该类编制的当前核定数,请稍候再试');
      return;
    }
    const tag = quota.data.tag;
    await run(
      async () => {
        const r = await call('PUT /api/institutions/:id/quotas/:category', {
          params: { id: institution.id, category },
          ifMatch: `"${tag}"`,
          body: {
            approved: v.approved!,
            docNumber: v.docNumber!.trim(),
            ...(v.title?.trim() && { title: v.title.trim() }),
            effectiveOn: (v.effectiveOn ?? dayjs()).format('YYYY-MM-DD'),
            ...(v.evaluation?.trim() && { evaluation: v.evaluation.trim() }),
          },
        });
        message.success(
          `已登记编制事项"${r.adjustment.docNumber} ${r.adjustment.title}":${label}由${r.before}名核定为${r.approved}名`,
        );
        // an applied 编制事项 moves figures everywhere (总览, 诊断, 沿革), as applying one from its file does
        await client.invalidateQueries();
        onClose();
      },
      // refused (a stale tag, a limit): read the quota again so the form shows what stands now
      () => Promise.all([quota.refetch(), client.invalidateQueries({ queryKey: ['institution', institution.id] })]),
    );
  };

  const open = quotaCategories.filter((c) => !taken.includes(c));
  return (
    <Modal
      open
      title={`登记核定编制数:${institution.name}${given ? ` ${label}` : ''}`}
      okText="登记"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      width={620}
      okButtonProps={{ 'data-testid': 'quota-decision-submit' }}
      data-testid="quota-decision-dialog"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ effectiveOn: dayjs() }}
        onValuesChange={(_, all) => setValues(all as Values)}
      >
        {!given && (
          <Form.Item name="category" label="编制类别" rules={[{ required: true, message: '请选择编制类别' }]}>
            <Select
              options={open.map((c) => ({ value: c, label: quotaCategoryLabels[c] }))}
              style={{ width: 200 }}
              data-testid="quota-decision-category"
            />
          </Form.Item>
        )}
        <ErrorAlert error={quota.error} />
        {category && (
          <Typography.Paragraph type="secondary" data-testid="quota-decision-current">
            {current === undefined ? '正在读取当前核定数…' : `${label}现核定${current}名`}
          </Typography.Paragraph>
        )}
        <Form.Item name="approved" label="核定编制数" rules={[{ required: true, message: '请填写核定编制数' }]}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} suffix="名" data-testid="quota-decision-approved" />
        </Form.Item>
        <Form.Item
          name="docNumber"
          label="文号"
          rules={[{ required: true, whitespace: true, message: '文号不能为空' }]}
        >
          <Input placeholder="如 示编〔2026〕12号" style={{ width: 280 }} data-testid="quota-decision-doc-number" />
        </Form.Item>
        <Form.Item name="title" label="标题">
          <Input
            placeholder={`核定${institution.name}${label}为${values.approved ?? '…'}名`}
            data-testid="quota-decision-title"
          />
        </Form.Item>
        <Form.Item name="effectiveOn" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker allowClear={false} data-testid="quota-decision-effective-on" />
        </Form.Item>
        <Form.Item name="evaluation" label="必要性和依据（申请事项评估）">
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={4000}
            placeholder="写明调整的必要性（要解决什么问题、职责和工作任务的变化）和依据（政策文件、上级要求、测算情况）"
            data-testid="quota-decision-evaluation"
          />
        </Form.Item>
        {unevaluated && (
          <Alert type="warning" showIcon title={evaluationWarning} data-testid="quota-decision-evaluation-warning" />
        )}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="quota-decision-error" />
        )}
      </Form>
    </Modal>
  );
}
