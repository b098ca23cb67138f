/** 登录: username and password; back to the page asked for (?next=) once signed in. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth';
import { authFrame } from '../../components/auth-frame';
import { useSubmit } from '../../hooks';

export function LoginPage() {
  const { login } = useAuth();
  const { busy, error, run } = useSubmit();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return authFrame(
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
        onFinish={(v: { username: string; password: string }) =>
          run(async () => {
            await login(v.username, v.password);
            const next = params.get('next');
            navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
          })
        }
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
