/**
 * 编制优化: one category across chosen units, reallocated towards their workload by the optimizer (integer, within each
 * unit's bounds — 最低/最高编制数 as typed, never below its people unless allowed — and a maximum move), every move
 * explained, beside the greedy largest-remainder baseline; saved as a draft scenario to evaluate and submit. With the
 * 编制周转池 the pool's places of the category are distributed too (核拨 for good to the units that gain).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { quotaCategories, quotaCategoryLabels, type QuotaCategory } from '../../../../src/domain/vocabulary.js';
import { call } from '../../api';
import { useInstitutionNames, usePoolBalance, useSubmit } from '../../hooks';
import { ErrorAlert, optionsOf } from '../../components/ui';
import { Change } from './evaluation-panel';
import type { Optimized } from '../../types';

interface Values {
  name: string;
  category: QuotaCategory;
  institutions: string[];
  indicator: string;
  maxMovePerUnit?: number;
  allowBelowActual: boolean;
  usePool: boolean;
}

export function ScenarioOptimize() {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const names = useInstitutionNames();
  const workload = useQuery({ queryKey: ['workload', ''], queryFn: () => call('GET /api/workload') });
  const [result, setResult] = useState<Optimized & { usedPool: boolean }>();
  const { busy, error, run } = useSubmit();
  /** 最低/最高编制数 per unit, as typed (only the units chosen are sent). */
  const [bounds, setBounds] = useState<Record<string, { min?: number; max?: number }>>({});
  const bound = (id: string, side: 'min' | 'max', value: number | null) =>
    setBounds((b) => ({ ...b, [id]: { ...b[id], [side]: value ?? undefined } }));
  const chosen = Form.useWatch('institutions', form) ?? [];
  const inPool = usePoolBalance(Form.useWatch('category', form));
  const indicators = [
    ...new Set(
      (workload.data?.items ?? [])
        .filter((w) => !chosen.length || chosen.includes(w.institutionId))
        .map((w) => w.indicator),
    ),
  ];
  const withWorkload = new Set((workload.data?.items ?? []).map((w) => w.institutionId));
  const options = names.options(true).filter((o) => withWorkload.has(o.value));
  const optimize = async () => {
    const v = await form.validateFields();
    const chosenBounds = v.institutions
      .map((institutionId) => ({ institutionId, ...bounds[institutionId] }))
      .filter((b) => b.min !== undefined || b.max !== undefined);
    await run(async () => {
      const usePool = v.usePool && !!inPool;
      const answer = await call('POST /api/scenarios/optimize', { body: { ...v, usePool, bounds: chosenBounds } });
      setResult({ ...answer, usedPool: usePool });
      await client.invalidateQueries({ queryKey: ['scenarios'] });
    });
  };
  const o = result?.optimization;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title="编制优化:按工作量重新分配编制" extra={<Link to="/scenarios">返回方案列表</Link>}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ category: 'admin', allowBelowActual: false, usePool: false, maxMovePerUnit: 3 }}
          style={{ maxWidth: 720 }}
        >
          <Form.Item name="name" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
            <Input placeholder="如 按办件量调剂行政编制" data-testid="optimize-name" />
          </Form.Item>
          <Form.Item name="category" label="编制类别(不同类别编制不得混用)">
            <Select options={optionsOf(quotaCategories, quotaCategoryLabels)} />
          </Form.Item>
          <Form.Item
            name="institutions"
            label="参与分配的单位(有工作量数据的单位)"
            rules={[{ required: true, type: 'array', min: 2, message: '至少选择2个单位' }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={options}
              data-testid="optimize-units"
            />
          </Form.Item>
          <Form.Item name="indicator" label="工作量指标" rules={[{ required: true, message: '请选择工作量指标' }]}>
            <Select options={optionsOf(indicators)} data-testid="optimize-indicator" />
          </Form.Item>
          <Space>
            <Form.Item name="maxMovePerUnit" label="每个单位最多增减(名)">
              <InputNumber min={1} max={100000} />
            </Form.Item>
            <Form.Item name="allowBelowActual" valuePropName="checked" label=" ">
              <Checkbox>允许核定数低于实有人数</Checkbox>
            </Form.Item>
            <Form.Item name="usePool" valuePropName="checked" label=" ">
              <Checkbox disabled={!inPool}>
                <span data-testid="optimize-use-pool">使用编制周转池（现有{inPool ?? 0}名）</span>
              </Checkbox>
            </Form.Item>
          </Space>
          {chosen.length > 0 && (
            <Form.Item label="各单位编制数上下限(可空)">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={chosen.map((id) => ({ id }))}
                columns={[
                  { title: '单位', render: (_, r) => names.nameOf(r.id) },
                  {
                    title: '最低编制数',
                    render: (_, r) => (
                      <InputNumber min={0} value={bounds[r.id]?.min} onChange={(v) => bound(r.id, 'min', v)} />
                    ),
                  },
                  {
                    title: '最高编制数',
                    render: (_, r) => (
                      <InputNumber min={0} value={bounds[r.id]?.max} onChange={(v) => bound(r.id, 'max', v)} />
                    ),
                  },
                ]}
              />
            </Form.Item>
          )}
          <Button type="primary" loading={busy} onClick={optimize} data-testid="optimize-run">
            计算并存为方案
          </Button>
        </Form>
        <ErrorAlert error={error} />
      </Card>
      {result && o && (
        <Card
          title="优化结果"
          data-testid="optimize-result"
          extra={
            <Link to={`/scenarios/${result.scenario.id}`} data-testid="optimized-scenario">
              打开方案“{result.scenario.name}”评估、提交
            </Link>
          }
        >
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="偏离工作量目标合计(优化)">{o.objective.toFixed(1)}</Descriptions.Item>
            <Descriptions.Item label="按最大余数法手工分配">{o.greedy.objective.toFixed(1)}</Descriptions.Item>
            {result.usedPool && (
              <Descriptions.Item label="从编制周转池使用">
                <span data-testid="optimize-pool-used">{o.poolUsed}名</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {o.allocation.every((a) => a.from === a.to) && (
            <Alert type="info" showIcon title="现有分配已最接近工作量目标,无需调整" style={{ marginBottom: 12 }} />
          )}
          <Table
            size="small"
            rowKey="institutionId"
            pagination={false}
            dataSource={o.allocation}
            columns={[
              { title: '单位', dataIndex: 'name' },
              { title: '核定数', render: (_, a) => <Change before={a.from} after={a.to} /> },
              { title: '工作量目标', render: (_, a) => a.target.toFixed(1) },
              { title: '说明', dataIndex: 'explanation' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
