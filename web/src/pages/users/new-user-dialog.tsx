/** 新建用户: username, name, role (a 填报员 with its unit); the one-time password is shown once created. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { roleLabels, roles, type Role } from '../../../../src/domain/vocabulary.js';
import { call, errorMessage } from '../../api';
import { optionsOf } from '../../components/ui';
import { useInstitutionNames } from '../../hooks';
import { useShowOneTimePassword } from './one-time-password';

export function NewUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const names = useInstitutionNames();
  const showPassword = useShowOneTimePassword();
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  return (
    <Modal title="新建用户" open={open} onCancel={onClose} onOk={() => form.submit()} okText="创建" destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v: { username: string; displayName?: string; role: Role; institutionId?: string }) => {
          try {
            const r = await call('POST /api/users', { body: v });
            onClose();
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
          <Select options={optionsOf(roles, roleLabels)} />
        </Form.Item>
        {role === 'reporter' && (
          <Form.Item label="所属单位" name="institutionId" rules={[{ required: true, message: '填报员须指定单位' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={names.options()} />
          </Form.Item>
        )}
        <Alert type="info" showIcon title="创建后显示一次性密码,用户首次登录时须修改。" />
      </Form>
    </Modal>
  );
}
