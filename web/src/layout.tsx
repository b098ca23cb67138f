/** The workspace frame: side menu offered by permission, the user menu, and the page. */
import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  LogoutOutlined,
  SolutionOutlined,
  ProfileOutlined,
  TeamOutlined,
  UserOutlined,
  KeyOutlined,
} from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../src/domain/permissions.js';
import { useAuth } from './auth';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  needs: Permission;
}

export const navItems: NavItem[] = [
  { path: '/overview', label: '总览', icon: <BarChartOutlined />, needs: 'readDistrict' },
  { path: '/institutions', label: '机构', icon: <ApartmentOutlined />, needs: 'readOwnUnit' },
  { path: '/people', label: '人员', icon: <TeamOutlined />, needs: 'readOwnUnit' },
  { path: '/duties', label: '职能', icon: <ProfileOutlined />, needs: 'readOwnUnit' },
  { path: '/diagnostics', label: '诊断', icon: <AlertOutlined />, needs: 'readDistrict' },
  { path: '/scenarios', label: '方案', icon: <ExperimentOutlined />, needs: 'readDistrict' },
  { path: '/adjustments', label: '编制事项', icon: <FileProtectOutlined />, needs: 'readOwnUnit' },
  { path: '/staffing', label: '用编审批', icon: <SolutionOutlined />, needs: 'readOwnUnit' },
  { path: '/imports', label: '导入导出', icon: <CloudUploadOutlined />, needs: 'importData' },
  { path: '/users', label: '用户', icon: <UserOutlined />, needs: 'manageUsers' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, needs: 'readAudit' },
];

export function AppLayout({ children }: { children: ReactNode }) {
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const items = navItems.filter((n) => can(n.needs));
  const selected = items.find((n) => location.pathname.startsWith(n.path))?.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={0} theme="dark">
        <div style={{ color: '#fff', padding: '18px 20px', fontSize: 18, fontWeight: 600, letterSpacing: 2 }}>
          编制<span style={{ fontSize: 12, fontWeight: 400, marginLeft: 8, opacity: 0.7 }}>机构编制工作系统</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items.map((n) => ({ key: n.path, icon: n.icon, label: <Link to={n.path}>{n.label}</Link> }))}
          data-testid="nav"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: ({ key }) => {
                if (key === 'password') navigate('/password');
                else void logout().then(() => navigate('/login'));
              },
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} />
              <span>{me?.user.username}</span>
              <Typography.Text type="secondary">{me?.user.roleLabel}</Typography.Text>
            </Space>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: 20 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
