/** 修改密码 (forced after a one-time password). */
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { call } from '../../api';
import { useAuth } from '../../auth';
import { authFrame } from '../../components/auth-frame';
import { useSubmit } from '../../hooks';

export function PasswordPage({ forced = false }: { forced?: boolean }) {
  const { refresh, logout } = useAuth();
  const { message } = App.useApp();
  const { busy, error, run } = useSubmit();
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
        onFinish={(v: { current: string; next: string }) =>
          run(
            async () => {
              await call('POST /api/auth/password', { body: { current: v.current, next: v.next } });
              message.success('密码已修改,请用新密码重新登录');
              await logout().catch(() => undefined);
              navigate('/login', { replace: true });
            },
            () => refresh(),
          )
        }
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
  return forced ? authFrame(card) : card;
}
