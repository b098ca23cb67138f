/**
 * One 方案: its items, a form to add one more (the 编制事项 item forms), and the evaluation beside it, answered anew by
 * the server after every change; then 共享, 提交 (only without hard violations), 批准 (another user) and 实施 (文号 and
 * effective date). 总览 and 诊断 can be opened under it.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { useInstitutionNames, useSubmit } from '../../hooks';
import type { AdjustmentItem } from '../../types';
import { ErrorAlert, statusColors } from '../../components/ui';
import { describeItem } from '../../components/ledger-items/describe-item';
import { draftProblem, newItem, opLabels, toItem, type DraftItem } from '../../components/ledger-items/draft-items';
import { ItemFields } from '../../components/ledger-items/item-fields';
import { EvaluationPanel } from './evaluation-panel';
import type { EvaluatedScenario } from '../../types';

export const scenarioQuery = (id: string) => ({
  queryKey: ['scenario', id],
  queryFn: () => call('GET /api/scenarios/:id', { params: { id } }),
});

/** The form for one more item: the kind, its fields, and "添加并评估". */
function AddItem({ id, onEvaluated }: { id: string; onEvaluated: (r: EvaluatedScenario) => void }) {
  const names = useInstitutionNames();
  const [item, setItem] = useState<DraftItem>(() => newItem('merge_institutions'));
  const { busy, error, setError, run } = useSubmit();
  const add = async () => {
    const body = toItem(item);
    // the 编制事项 schema checks the item; the scenario has no 文号 of its own until it is applied
    const problem = draftProblem({ docNumber: '方案', title: '方案', effectiveOn: '2000-01-01', items: [body] });
    if (problem) return setError(problem.replace(/^第1项/, ''));
    await run(async () => {
      onEvaluated(await call('POST /api/scenarios/:id/items', { params: { id }, body: { items: [body as never] } }));
      setItem(newItem(item.op));
    });
  };
  return (
    <Card size="small" title="添加调整" data-testid="add-item">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space align="start" wrap>
          <Select
            style={{ width: 150 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={item.op}
            onChange={(op) => setItem(newItem(op))}
            options={Object.entries(opLabels).map(([value, label]) => ({ value, label }))}
            data-testid="item-op"
          />
          <ItemFields item={item} options={names.options(true)} set={(patch) => setItem((x) => ({ ...x, ...patch }))} />
        </Space>
        {error && <Alert type="error" showIcon title={error} data-testid="item-error" />}
        <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={add} data-testid="add-item-button">
          添加并评估
        </Button>
      </Space>
    </Card>
  );
}

function ApplyModal({ id, open, onClose }: { id: string; open: boolean; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<{ docNumber: string; effectiveOn: dayjs.Dayjs; reviewOn?: dayjs.Dayjs }>();
  const { busy, error, run } = useSubmit();
  const { message } = App.useApp();
  const apply = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const r = await call('POST /api/scenarios/:id/apply', {
        params: { id },
        body: {
          docNumber: v.docNumber,
          effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
          reviewOn: v.reviewOn?.format('YYYY-MM-DD'),
        },
      });
      message.success(
        `方案已实施:登记簿变更${r.changes}处,人员调动${r.peopleMoved}人,职责划转${r.dutiesMoved}项;执行情况评估日期 ${r.scenario.reviewOn ?? '—'}`,
      );
      onClose(true);
    });
  };
  return (
    <Modal
      title="实施方案"
      open={open}
      onCancel={() => onClose(false)}
      onOk={apply}
      okText="实施"
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'confirm-apply' } as ButtonProps}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="方案将作为一个编制事项在一个事务中实施;起草后若所涉机构已被其他编制事项调整,实施将被拒绝。"
      />
      <Form form={form} layout="vertical" initialValues={{ effectiveOn: dayjs() }}>
        <Form.Item name="docNumber" label="文号" rules={[{ required: true, message: '请填写文号' }]}>
          <Input placeholder="如 示编〔2026〕30号" data-testid="apply-doc-number" />
        </Form.Item>
        <Form.Item name="effectiveOn" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker allowClear={false} data-testid="apply-effective-on" />
        </Form.Item>
        <Form.Item name="reviewOn" label="执行情况评估日期(默认生效后12个月)">
          <DatePicker data-testid="apply-review-on" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

export function ScenarioBuilder({ id }: { id: string }) {
  const { me, can } = useAuth();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const names = useInstitutionNames();
  const q = useQuery(scenarioQuery(id));
  const { busy, error, setError, run: submit } = useSubmit();
  const [applying, setApplying] = useState(false);
  const evaluated = (r: EvaluatedScenario) => {
    client.setQueryData(['scenario', id], r);
    void client.invalidateQueries({ queryKey: ['scenarios'] });
  };
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['scenario', id] });
    await client.invalidateQueries({ queryKey: ['scenarios'] });
  };
  const run = (what: string, f: () => Promise<unknown>) =>
    submit(async () => {
      await f();
      message.success(what);
      await refresh();
    });
  if (q.error) return <ErrorAlert error={q.error} />;
  const data = q.data;
  const s = data?.scenario;
  const own = !!s && s.createdBy === me?.user.username;
  const editable = own && s?.status === 'draft' && can('draftAdjustments');
  const violations = data?.evaluation.violations.length ?? 0;
  const removeAt = (index: number) =>
    modal.confirm({
      title: '删除这一项调整?',
      okText: '删除',
      cancelText: '取消',
      onOk: () =>
        call('DELETE /api/scenarios/:id/items/:index', { params: { id, index } })
          .then(evaluated)
          .catch((e: unknown) => setError(errorMessage(e))),
    });
  return (
    <Row gutter={16}>
      <Col xs={24} xl={13}>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Card
            loading={q.isLoading}
            title={
              <Space>
                <span data-testid="scenario-title">{s?.name}</span>
                {s && (
                  <Tag color={statusColors[s.status] ?? 'default'} data-testid="scenario-status">
                    {s.statusLabel}
                  </Tag>
                )}
              </Space>
            }
            extra={<Link to="/scenarios">返回方案列表</Link>}
          >
            {s && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label="基准日期">{s.baseDate}</Descriptions.Item>
                  <Descriptions.Item label="起草人">{s.createdBy}</Descriptions.Item>
                  {s.submittedBy && <Descriptions.Item label="提交人">{s.submittedBy}</Descriptions.Item>}
                  {s.decidedBy && <Descriptions.Item label="批准人">{s.decidedBy}</Descriptions.Item>}
                  {s.docNumber && <Descriptions.Item label="文号">{s.docNumber}</Descriptions.Item>}
                  {s.effectiveOn && <Descriptions.Item label="生效日期">{s.effectiveOn}</Descriptions.Item>}
                  {s.reviewOn && <Descriptions.Item label="执行情况评估日期">{s.reviewOn}</Descriptions.Item>}
                  {s.necessity && (
                    <Descriptions.Item label="必要性" span={2}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{s.necessity}</span>
                    </Descriptions.Item>
                  )}
                  {s.basis && (
                    <Descriptions.Item label="依据" span={2}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{s.basis}</span>
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Space wrap>
                  {editable && !s.shared && (
                    <Button
                      loading={busy}
                      onClick={() => run('方案已共享', () => call('POST /api/scenarios/:id/share', { params: { id } }))}
                    >
                      共享
                    </Button>
                  )}
                  {editable && (
                    <Tooltip title={violations ? '存在硬约束违反,不能提交' : undefined}>
                      <Button
                        type="primary"
                        loading={busy}
                        disabled={violations > 0 || !data?.items.length}
                        onClick={() =>
                          run('方案已提交', () => call('POST /api/scenarios/:id/submit', { params: { id } }))
                        }
                        data-testid="submit-scenario"
                      >
                        提交
                      </Button>
                    </Tooltip>
                  )}
                  {s.status === 'submitted' && can('decideAdjustments') && (
                    <Button
                      type="primary"
                      loading={busy}
                      onClick={() =>
                        run('方案已批准', () => call('POST /api/scenarios/:id/approve', { params: { id } }))
                      }
                      data-testid="approve-scenario"
                    >
                      批准
                    </Button>
                  )}
                  {s.status === 'approved' && can('applyAdjustments') && (
                    <Button type="primary" danger onClick={() => setApplying(true)} data-testid="apply-scenario">
                      实施
                    </Button>
                  )}
                  {s.status !== 'applied' && (
                    <>
                      <Link to={`/overview?scenario=${id}`} data-testid="overview-under">
                        按此方案看总览
                      </Link>
                      <Link to={`/diagnostics?scenario=${id}`} data-testid="diagnostics-under">
                        按此方案看诊断
                      </Link>
                    </>
                  )}
                </Space>
                <ErrorAlert error={error} />
              </Space>
            )}
          </Card>
          <Card title={`调整事项(${data?.items.length ?? 0}项)`} size="small" data-testid="scenario-items">
            {data?.items.length ? (
              <List
                size="small"
                dataSource={data.items}
                renderItem={(item, index) => (
                  <List.Item
                    data-testid="scenario-item"
                    actions={
                      editable
                        ? [
                            <Button
                              key="delete"
                              size="small"
                              icon={<DeleteOutlined />}
                              onClick={() => removeAt(index)}
                              aria-label="删除"
                            />,
                          ]
                        : []
                    }
                  >
                    <Space>
                      <b>{index + 1}.</b>
                      <Tag>{String(item.opLabel ?? opLabels[String(item.op)] ?? item.op)}</Tag>
                      <span>{describeItem(item as AdjustmentItem, names.nameOf)}</span>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty description="还没有调整,请在下方添加" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
          {editable && <AddItem id={id} onEvaluated={evaluated} />}
        </Space>
      </Col>
      <Col xs={24} xl={11}>
        <EvaluationPanel evaluation={data?.evaluation} loading={q.isLoading} />
      </Col>
      <ApplyModal
        id={id}
        open={applying}
        onClose={(done) => {
          setApplying(false);
          if (done) {
            void refresh();
            void client.invalidateQueries({ queryKey: ['institutions'] });
            void client.invalidateQueries({ queryKey: ['statistics'] });
            void client.invalidateQueries({ queryKey: ['diagnostics'] });
          }
        }}
      />
    </Row>
  );
}
