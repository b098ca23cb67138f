/** 用户: accounts and roles (admin); 审计日志. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { roleLabels, roles, type Role } from '../../../src/domain/vocabulary.js';
import { call, errorMessage } from '../api';
import { useInstitutionNames } from '../hooks';
import type { AuditRow, UserRow } from '../types';
import { ErrorAlert, formatDateTime } from '../ui';

const userStatusColors: Record<UserRow['status'], string> = {
  active: 'green',
  locked: 'red',
  must_change_password: 'orange',
  disabled: 'default',
};

export function UsersPage() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => call('GET /api/users') });
  const names = useInstitutionNames();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  const showPassword = (username: string, password: string) =>
    modal.success({
      title: `账号 ${username} 的一次性密码`,
      content: (
        <div>
          <Typography.Paragraph
            copyable={{ text: password }}
            style={{ fontFamily: 'monospace', fontSize: 18 }}
            data-testid="one-time-password"
          >
            {password}
          </Typography.Paragraph>
          请当面或通过安全渠道交给本人;首次登录须修改密码。此密码不再显示。
        </div>
      ),
    });
  const patch = async (u: UserRow, changes: Record<string, unknown>) => {
    try {
      await call('PATCH /api/users/:username', {
        params: { username: u.username },
        body: changes,
        ifMatch: `"${u.id}.${u.version}"`,
      });
      message.success('已保存');
    } catch (e) {
      message.error(errorMessage(e));
    }
    await client.invalidateQueries({ queryKey: ['users'] });
  };
  const institutionOptions = (names.data?.items ?? [])
    .filter((i) => i.status === 'active' && i.kind !== 'internal_unit')
    .map((i) => ({ value: i.id, label: i.name }));
  return (
    <Card
      title="用户与角色"
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          新建用户
        </Button>
      }
      data-testid="users-page"
    >
      <ErrorAlert error={users.error} />
      <Table
        size="small"
        rowKey="username"
        loading={users.isLoading}
        dataSource={users.data?.items}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            dataIndex: 'role',
            render: (r: Role, u: UserRow) => (
              <Select
                size="small"
                style={{ width: 140 }}
                value={r}
                onChange={(v) => patch(u, { role: v })}
                options={roles.map((x) => ({ value: x, label: roleLabels[x] }))}
              />
            ),
          },
          {
            title: '所属单位',
            dataIndex: 'institutionId',
            render: (id: string | null) => (id ? names.nameOf(id) : '全区'),
          },
          {
            title: '状态',
            key: 'state',
            render: (_: unknown, u: UserRow) => (
              <Space>
                <Tag color={userStatusColors[u.status]} data-testid="user-status">
                  {u.statusLabel}
                </Tag>
                <Switch
                  size="small"
                  checkedChildren="启用"
                  unCheckedChildren="停用"
                  checked={!u.disabled}
                  onChange={(on) => patch(u, { disabled: !on })}
                />
              </Space>
            ),
          },
          {
            title: '最近登录',
            dataIndex: 'lastLoginAt',
            render: (at: string | null) => (at ? formatDateTime(at) : '从未登录'),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, u: UserRow) => (
              <Popconfirm
                title={`重置 ${u.displayName}(${u.username})的密码?`}
                description="原密码立即失效,新的一次性密码只显示一次"
                okText="确认重置"
                cancelText="取消"
                onConfirm={async () => {
                  try {
                    const r = await call('POST /api/users/:username/reset-password', {
                      params: { username: u.username },
                    });
                    showPassword(u.username, r.oneTimePassword);
                    await client.invalidateQueries({ queryKey: ['users'] });
                  } catch (e) {
                    message.error(errorMessage(e));
                  }
                }}
              >
                <Button size="small">重置密码</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        title="新建用户"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText="创建"
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async (v: { username: string; displayName?: string; role: Role; institutionId?: string }) => {
            try {
              const r = await call('POST /api/users', { body: v });
              setCreating(false);
              showPassword(r.username, r.oneTimePassword);
              await client.invalidateQueries({ queryKey: ['users'] });
            } catch (e) {
              message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{2,40}$/, message: '2-40位字母、数字或 _ . -' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="姓名" name="displayName">
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={roles.map((x) => ({ value: x, label: roleLabels[x] }))} />
          </Form.Item>
          {role === 'reporter' && (
            <Form.Item label="所属单位" name="institutionId" rules={[{ required: true, message: '填报员须指定单位' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={institutionOptions} />
            </Form.Item>
          )}
          <Alert type="info" showIcon title="创建后显示一次性密码,用户首次登录时须修改。" />
        </Form>
      </Modal>
    </Card>
  );
}

export function AuditPage() {
  const q = useQuery({ queryKey: ['audit'], queryFn: () => call('GET /api/audit', { query: { limit: 200 } }) });
  const verify = useQuery({
    queryKey: ['audit-verify'],
    queryFn: () => call('GET /api/audit/verify'),
  });
  return (
    <Card
      title="审计日志"
      data-testid="audit-page"
      extra={
        verify.data &&
        (verify.data.ok ? <Tag color="success">哈希链校验通过</Tag> : <Tag color="error">哈希链校验失败</Tag>)
      }
    >
      <ErrorAlert error={q.error} />
      <Table
        size="small"
        rowKey="seq"
        loading={q.isLoading}
        dataSource={q.data?.items}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
          { title: '操作人', dataIndex: 'actorLabel', width: 200 },
          { title: '操作', dataIndex: 'actionLabel', width: 200 },
          { title: '对象类别', dataIndex: 'entityLabel', width: 130 },
          {
            title: '对象',
            key: 'object',
            ellipsis: true,
            // a name where it still resolves; the bare id otherwise (a deleted row), never a UUID beside a name
            render: (_: unknown, e: AuditRow) => e.entityName ?? e.entityId ?? '—',
          },
        ]}
      />
    </Card>
  );
}
