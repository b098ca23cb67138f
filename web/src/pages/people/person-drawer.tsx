/** 人员档案: one person's record and postings; the ID number and birth date show in full once unmasked (an audited look). */
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Table, Typography } from 'antd';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ui';

export type Unmasked = Record<string, { idNumber: string; birthDate: string | null }>;

export function PersonDrawer({
  openId,
  onClose,
  unmasked,
  nameOf,
}: {
  openId?: string;
  onClose: () => void;
  unmasked: Unmasked;
  nameOf: (id: string) => string;
}) {
  const person = useQuery({
    queryKey: ['person', openId],
    queryFn: () => call('GET /api/people/:id', { params: { id: openId! } }),
    enabled: !!openId,
  });
  return (
    <Drawer title="人员档案" open={!!openId} onClose={() => onClose()} size={560}>
      <ErrorAlert error={person.error} />
      {person.data && (
        <>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="姓名">{person.data.name}</Descriptions.Item>
            <Descriptions.Item label="公民身份号码">
              <span style={{ fontFamily: 'monospace' }}>
                {unmasked[person.data.id]?.idNumber ?? person.data.idNumber}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="性别">{person.data.gender}</Descriptions.Item>
            <Descriptions.Item label={unmasked[person.data.id] ? '出生日期' : '年龄'}>
              {unmasked[person.data.id]?.birthDate ?? person.data.age}
            </Descriptions.Item>
            <Descriptions.Item label="学历/学位">
              {person.data.education} {person.data.degree}
            </Descriptions.Item>
            <Descriptions.Item label="职称">{person.data.titleLevel}</Descriptions.Item>
            <Descriptions.Item label="政治面貌">{person.data.politicalStatus}</Descriptions.Item>
            <Descriptions.Item label="参加工作时间">{person.data.joinedWorkOn}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            任职与编制
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.institutionId}|${r.startOn}`}
            dataSource={person.data.assignments}
            columns={[
              { title: '机构', dataIndex: 'institutionId', render: (id: string) => nameOf(id) },
              { title: '编制', dataIndex: 'categoryLabel' },
              { title: '职务', dataIndex: 'post' },
              { title: '起', dataIndex: 'startOn' },
              { title: '止', dataIndex: 'endOn' },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
