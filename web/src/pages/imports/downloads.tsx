/** The templates of every import kind, and (for who may export) the district's data as workbooks to edit and import again. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../auth';
import type { ImportKindInfo } from '../../types';

export function Downloads({ kinds }: { kinds: ImportKindInfo[] }) {
  const { can } = useAuth();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  return (
    <>
      <Card title="导入模板" size="small" style={{ marginBottom: 16 }}>
        <Space orientation="vertical">
          {kinds.map((k) => (
            <Button key={k.kind} type="link" icon={<DownloadOutlined />} href={`/api/templates/${k.kind}`}>
              {k.label}模板
            </Button>
          ))}
        </Space>
      </Card>
      {can('exportData') && (
        <Card title="导出本区数据" size="small">
          <Typography.Paragraph type="secondary">导出的工作簿可以修改后再次导入。</Typography.Paragraph>
          <Space orientation="vertical">
            {kinds.map((k) => (
              <Button key={k.kind} type="link" icon={<DownloadOutlined />} href={`/api/exports/${k.kind}`}>
                {k.label}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      {can('exportData') && (
        <Card title="月度名册" size="small" style={{ marginTop: 16 }} data-testid="registers">
          <Space orientation="vertical">
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
            <Button type="link" icon={<DownloadOutlined />} href={`/api/registers/changes?month=${month}`}>
              增减花名册
            </Button>
            <Button type="link" icon={<DownloadOutlined />} href={`/api/registers/ledger?month=${month}`}>
              编制使用台账
            </Button>
          </Space>
        </Card>
      )}
    </>
  );
}
