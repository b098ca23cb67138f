/**
 * 人员变动 (入编, 调动, 任免, 出编) from 人员 and an institution's roster: the form, then 核查 — the server runs every rule
 * on a transaction it rolls back and says in Chinese what it checked or why it refuses — and only then 确认办理.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { exitTypeLabels, exitTypes } from '../../../src/domain/movements.js';
import {
  leadershipLevels,
  postClasses,
  postClassLabels,
  quotaCategories,
  quotaCategoryLabels,
} from '../../../src/domain/vocabulary.js';
import { call, errorMessage } from '../api';
import { useInstitutionNames } from '../hooks';
import type { MovementCheck } from '../types';

export type MovementAction = 'enter' | 'transfer' | 'appoint' | 'exit';
export const movementActionLabels: Record<MovementAction, string> = {
  enter: '入编',
  transfer: '调动',
  appoint: '任免',
  exit: '出编',
};

/** The person acted on (absent for 入编 of someone new). */
export interface MovementPerson {
  id: string;
  name: string;
  institutionId: string | null;
  category: string | null;
  leadershipLevel: string | null;
}

type Values = Record<string, string | undefined> & { on?: Dayjs; appointKind?: 'appoint' | 'dismiss' };

/** The API body of the form's values. */
function bodyOf(action: MovementAction, v: Values) {
  const common = {
    on: (v.on ?? dayjs()).format('YYYY-MM-DD'),
    docNumber: v.docNumber || null,
    reason: v.reason || null,
  };
  if (action === 'enter' || action === 'transfer') {
    return {
      type: action,
      ...common,
      institutionId: v.institutionId ?? '',
      category: v.category ?? '',
      post: v.post || null,
      approvalId: v.approvalId || null,
      ...(action === 'enter'
        ? {
            exceptionReason: v.exceptionReason || null,
            person: { name: v.name ?? '', idNumber: v.idNumber ?? '' },
          }
        : {}),
    };
  }
  if (action === 'appoint') {
    return v.appointKind === 'dismiss'
      ? { type: 'dismiss', ...common, post: v.post || null }
      : { type: 'appoint', ...common, post: v.post ?? '', level: v.level ?? '', postClass: v.postClass ?? 'admin' };
  }
  return { type: 'exit', ...common, exitType: v.exitType ?? '' };
}

export function MovementDialog({
  action,
  person,
  institutionId,
  onClose,
}: {
  action: MovementAction | undefined;
  person?: MovementPerson;
  /** The institution an 入编 goes to by default (the roster tab's). */
  institutionId?: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const names = useInstitutionNames();
  const [values, setValues] = useState<Values>({});
  const [check, setCheck] = useState<{ body: string; answer: MovementCheck }>();
  const [busy, setBusy] = useState(false);
  const approvals = useQuery({
    queryKey: ['staffing', 'requests'],
    queryFn: () => call('GET /api/staffing/requests'),
    enabled: action === 'enter' || action === 'transfer',
  });
  if (!action) return null;

  const body = bodyOf(action, values);
  const checkedNow = check && check.body === JSON.stringify(body);
  const open = (approvals.data?.items ?? []).filter(
    (a) =>
      a.state === 'approved' &&
      a.holds > 0 &&
      (!values.institutionId || a.institutionId === values.institutionId) &&
      (!values.category || a.category === values.category),
  );
  const institutions = (names.data?.items ?? [])
    .filter((i) => i.status === 'active' && i.kind !== 'internal_unit' && i.kind !== 'coordination')
    .map((i) => ({ value: i.id, label: i.name }));

  const send = async (only: 'check' | 'record') => {
    setBusy(true);
    try {
      const b = bodyOf(action, form.getFieldsValue(true) as Values);
      if (only === 'check') {
        const answer =
          action === 'enter'
            ? await call('POST /api/people/entries/check', { body: b as never })
            : await call('POST /api/people/:id/movements/check', { params: { id: person!.id }, body: b as never });
        setCheck({ body: JSON.stringify(b), answer });
        return;
      }
      const m =
        action === 'enter'
          ? await call('POST /api/people/entries', { body: b as never })
          : await call('POST /api/people/:id/movements', { params: { id: person!.id }, body: b as never });
      message.success(`已记录${m.typeLabel}${m.exitTypeLabel ? `(${m.exitTypeLabel})` : ''}`);
      await client.invalidateQueries();
      close();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    form.resetFields();
    setValues({});
    setCheck(undefined);
    onClose();
  };

  const title = `${movementActionLabels[action]}${person ? `:${person.name}` : ''}`;
  return (
    <Modal
      title={title}
      open
      onCancel={close}
      width={620}
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button onClick={() => send('check')} loading={busy && !checkedNow} data-testid="movement-check">
            核查
          </Button>
          <Button
            type="primary"
            disabled={!checkedNow || !check?.answer.ok}
            loading={busy && !!checkedNow}
            onClick={() => send('record')}
            data-testid="movement-record"
          >
            确认办理
          </Button>
        </Space>
      }
      data-testid="movement-dialog"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          on: dayjs(),
          institutionId: action === 'enter' ? institutionId : undefined,
          appointKind: person?.leadershipLevel ? 'dismiss' : 'appoint',
          postClass: 'admin',
        }}
        onValuesChange={(_, all) => setValues(all as Values)}
      >
        {action === 'enter' && (
          <Space wrap>
            <Form.Item name="name" label="姓名" required>
              <Input style={{ width: 160 }} data-testid="movement-name" />
            </Form.Item>
            <Form.Item name="idNumber" label="公民身份号码" required>
              <Input style={{ width: 260 }} data-testid="movement-id-number" />
            </Form.Item>
          </Space>
        )}
        {(action === 'enter' || action === 'transfer') && (
          <>
            <Space wrap>
              <Form.Item name="institutionId" label={action === 'enter' ? '入编单位' : '调入单位'} required>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={institutions}
                  style={{ width: 280 }}
                  data-testid="movement-institution"
                />
              </Form.Item>
              <Form.Item name="category" label="编制类别" required>
                <Select
                  options={quotaCategories.map((c) => ({ value: c, label: quotaCategoryLabels[c] }))}
                  style={{ width: 180 }}
                  data-testid="movement-category"
                />
              </Form.Item>
            </Space>
            <Form.Item name="approvalId" label="依据的用编核准">
              <Select
                allowClear
                placeholder={open.length ? '选择有效的用编核准' : '没有该单位该类编制的有效用编核准'}
                options={open.map((a) => ({
                  value: a.id,
                  label: `${a.docNumber}(${a.institutionName}${a.categoryLabel},尚余${a.holds}名,有效期至${a.expiresOn})`,
                }))}
                data-testid="movement-approval"
              />
            </Form.Item>
            {action === 'enter' && !values.approvalId && (
              <Form.Item name="exceptionReason" label="例外入编理由(无用编核准时必填,记入审计并由诊断列出)">
                <Input.TextArea rows={2} />
              </Form.Item>
            )}
            <Form.Item name="post" label="职务">
              <Input style={{ width: 240 }} />
            </Form.Item>
          </>
        )}
        {action === 'appoint' && (
          <>
            <Form.Item name="appointKind" label="任免">
              <Radio.Group
                options={[
                  { value: 'appoint', label: '任职' },
                  {
                    value: 'dismiss',
                    label: `免职${person?.leadershipLevel ? `(现任${person.leadershipLevel})` : ''}`,
                  },
                ]}
              />
            </Form.Item>
            {(values.appointKind ?? (person?.leadershipLevel ? 'dismiss' : 'appoint')) === 'appoint' ? (
              <Space wrap>
                <Form.Item name="post" label="所任职务" required>
                  <Input style={{ width: 200 }} data-testid="movement-post" />
                </Form.Item>
                <Form.Item name="level" label="领导职务层级" required>
                  <Select options={leadershipLevels.map((l) => ({ value: l, label: l }))} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="postClass" label="职数类别">
                  <Select
                    options={postClasses.map((c) => ({ value: c, label: postClassLabels[c] }))}
                    style={{ width: 140 }}
                  />
                </Form.Item>
              </Space>
            ) : (
              <Form.Item name="post" label="免职后的职务">
                <Input style={{ width: 240 }} />
              </Form.Item>
            )}
          </>
        )}
        {action === 'exit' && (
          <Form.Item name="exitType" label="出编类型" required>
            <Select
              options={exitTypes.map((t) => ({ value: t, label: exitTypeLabels[t] }))}
              style={{ width: 180 }}
              data-testid="movement-exit-type"
            />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="on" label="变动日期" required>
            <DatePicker allowClear={false} data-testid="movement-on" />
          </Form.Item>
          <Form.Item name="docNumber" label="文号">
            <Input style={{ width: 220 }} data-testid="movement-doc" />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label="变动原因">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {check && (
        <Alert
          type={check.answer.ok ? (checkedNow ? 'success' : 'info') : 'error'}
          showIcon
          title={check.answer.ok ? (checkedNow ? '核查通过,可以办理' : '表单已修改,请重新核查') : '不能办理'}
          description={
            check.answer.ok ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {check.answer.checks.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : (
              check.answer.refusal
            )
          }
          data-testid="movement-verdict"
        />
      )}
    </Modal>
  );
}

/** 调动 / 任免 / 出编 of one roster row, for those who may record movements. */
export function PersonActions({ person, onAction }: { person: MovementPerson; onAction: (a: MovementAction) => void }) {
  return (
    <Space size={4}>
      {(['transfer', 'appoint', 'exit'] as const).map((a) => (
        <Button
          key={a}
          size="small"
          type="link"
          onClick={() => onAction(a)}
          data-testid={`person-${a}`}
          aria-label={`${movementActionLabels[a]} ${person.name}`}
        >
          {movementActionLabels[a]}
        </Button>
      ))}
    </Space>
  );
}

/** The 人员变动 column of a roster table: 调动 / 任免 / 出编 of its row. */
export const movementColumn = (onAction: (action: MovementAction, person: MovementPerson) => void) => ({
  title: '人员变动',
  key: 'movements',
  render: (_: unknown, r: MovementPerson) => <PersonActions person={r} onAction={(a) => onAction(a, r)} />,
});
