/** 登录 and 修改密码 (forced after a one-time password). */
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { call, errorMessage } from '../api';
import { useAuth } from '../auth';

const frame = (children: React.ReactNode) => (
  <div
    style={{
      minHeight: '100vh',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      background: 'linear-gradient(160deg, #8e0000 0%, #b71c1c 45%, #f5f5f5 45%)',
    }}
  >
    {children}
  </div>
);

export function LoginPage() {
  const { login } = useAuth();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return frame(
    <Card style={{ width: 380 }} data-testid="login-card">
      <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
        机构编制工作系统
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        区委机构编制委员会办公室
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form
        layout="vertical"
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          setError(undefined);
          try {
            await login(v.username, v.password);
            const next = params.get('next');
            navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </Card>,
  );
}

export function PasswordPage({ forced = false }: { forced?: boolean }) {
  const { refresh, logout } = useAuth();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const card = (
    <Card style={{ width: 420 }} title={forced ? '首次登录:请修改初始密码' : '修改密码'} data-testid="password-card">
      {forced && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="管理员为您设置的是一次性密码,修改后才能使用系统。"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form
        layout="vertical"
        onFinish={async (v: { current: string; next: string }) => {
          setBusy(true);
          setError(undefined);
          try {
            await call('POST /api/auth/password', { body: { current: v.current, next: v.next } });
            message.success('密码已修改,请用新密码重新登录');
            await logout().catch(() => undefined);
            navigate('/login', { replace: true });
          } catch (e) {
            setError(errorMessage(e));
            await refresh();
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="当前密码" name="current" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="next"
          rules={[{ required: true, message: '请输入新密码' }]}
          extra="至少10位,含小写字母、大写字母、数字、符号中的至少3类"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['next']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || getFieldValue('next') === v
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
  return forced ? frame(card) : card;
}
