/** 用户: accounts and roles (admin): role, unit, state, last login; reset a password; create an account. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { roleLabels, roles, type Role } from '../../../../src/domain/vocabulary.js';
import { call, errorMessage } from '../../api';
import { QueryTable } from '../../components/paged-table';
import { formatDateTime, optionsOf } from '../../components/ui';
import { useInstitutionNames } from '../../hooks';
import type { UserRow } from '../../types';
import { NewUserDialog } from './new-user-dialog';
import { useShowOneTimePassword } from './one-time-password';

const userStatusColors: Record<UserRow['status'], string> = {
  active: 'green',
  locked: 'red',
  must_change_password: 'orange',
  disabled: 'default',
};

export function UsersPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => call('GET /api/users') });
  const names = useInstitutionNames();
  const [creating, setCreating] = useState(false);
  const showPassword = useShowOneTimePassword();
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
      <QueryTable
        query={users}
        rowKey="username"
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
                options={optionsOf(roles, roleLabels)}
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
      <NewUserDialog open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
