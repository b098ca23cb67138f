/** The one-time password of a new or reset account, shown once in a dialog to be handed over. */
import { App, Typography } from 'antd';

export function useShowOneTimePassword() {
  const { modal } = App.useApp();
  return (username: string, password: string) =>
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
}
