/** 方案 list: the scenarios the user may see; new scenario, 编制优化, and 比选 of two to four chosen ones. */
import { PlusOutlined, ExperimentOutlined, DiffOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { call } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert, formatDateTime, statusColors } from '../../components/ui';
import { useSubmit } from '../../hooks';
import type { Scenario } from '../../types';

function NewScenario({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; baseDate: dayjs.Dayjs; necessity?: string; basis?: string }>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { busy, error, run } = useSubmit();
  const create = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const r = await call('POST /api/scenarios', {
        body: {
          name: v.name,
          baseDate: v.baseDate.format('YYYY-MM-DD'),
          necessity: v.necessity || undefined,
          basis: v.basis || undefined,
          items: [],
        },
      });
      message.success('方案已创建');
      await client.invalidateQueries({ queryKey: ['scenarios'] });
      client.setQueryData(['scenario', r.scenario.id], r);
      onClose();
      navigate(`/scenarios/${r.scenario.id}`);
    });
  };
  return (
    <Modal
      title="新建方案"
      open={open}
      onCancel={onClose}
      onOk={create}
      okText="创建"
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'create-scenario' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={{ baseDate: dayjs() }}>
        <Form.Item name="name" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
          <Input placeholder="如 水务局并入自然资源局" data-testid="scenario-name" />
        </Form.Item>
        <Form.Item name="baseDate" label="基准日期" rules={[{ required: true, message: '请选择基准日期' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="necessity" label="必要性(申请事项评估)">
          <Input.TextArea rows={2} placeholder="为什么需要这样调整" data-testid="scenario-necessity" />
        </Form.Item>
        <Form.Item name="basis" label="依据">
          <Input.TextArea rows={2} placeholder="政策、文件依据" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

export function ScenarioList() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const q = useQuery({ queryKey: ['scenarios'], queryFn: () => call('GET /api/scenarios') });
  const drafter = can('draftAdjustments') && can('readDistrict');
  return (
    <Card
      title="方案:改革措施的模拟、评估与比选"
      data-testid="scenarios-page"
      extra={
        <Space>
          <Button
            icon={<DiffOutlined />}
            disabled={chosen.length < 2 || chosen.length > 4}
            onClick={() => navigate(`/scenarios/compare?ids=${chosen.join(',')}`)}
            data-testid="compare-chosen"
          >
            比选所选方案{chosen.length ? `(${chosen.length})` : ''}
          </Button>
          {drafter && (
            <Button icon={<ExperimentOutlined />} onClick={() => navigate('/scenarios/optimize')}>
              编制优化
            </Button>
          )}
          {drafter && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-scenario">
              新建方案
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={q.error} />
      <Typography.Paragraph type="secondary">
        方案在共享或提交前仅起草人可见;勾选2至4个方案可并列比选。
      </Typography.Paragraph>
      <Table<Scenario>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        rowSelection={{
          selectedRowKeys: chosen,
          onChange: (keys) => setChosen(keys.map(String)),
          getCheckboxProps: (s) => ({ 'data-testid': `choose-${s.name}` }) as object,
        }}
        columns={[
          {
            title: '方案名称',
            dataIndex: 'name',
            render: (name: string, s) => (
              <Link to={`/scenarios/${s.id}`} data-testid="scenario-link">
                {name}
              </Link>
            ),
          },
          {
            title: '状态',
            render: (_, s) => (
              <Space size={4}>
                <Tag color={statusColors[s.status] ?? 'default'}>{s.statusLabel}</Tag>
                {s.status === 'draft' && s.shared && <Tag>已共享</Tag>}
              </Space>
            ),
          },
          { title: '基准日期', dataIndex: 'baseDate' },
          { title: '起草人', dataIndex: 'createdBy' },
          { title: '创建时间', render: (_, s) => formatDateTime(s.createdAt) },
          { title: '文号', render: (_, s) => s.docNumber ?? '—' },
          { title: '评估日期', render: (_, s) => s.reviewOn ?? '—' },
        ]}
      />
      <NewScenario open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
