/** The dry run of a roster sync (同步/对账): how many are new, left, moved or changed, and who, before applying. */
import { Alert, Table, Tag } from 'antd';
import { rosterDiffText } from '../../../../src/domain/roster-diff.js';
import type { RosterSyncResult } from '../../types';

type Change = RosterSyncResult['changes'][number];
const place = (p: Change['before']) =>
  p ? [p.institution, p.unit, p.category, p.post, p.leadershipLevel].filter(Boolean).join(' / ') : '—';

export function SyncReport({ check, applied }: { check: RosterSyncResult; applied?: boolean }) {
  return (
    <div style={{ marginTop: 16 }} data-testid="sync-report">
      <Alert
        type={applied ? 'success' : 'info'}
        showIcon
        title={`${applied ? '同步完成' : '对账结果(试运行,未写入)'}:截止日期 ${check.asOf},范围 ${check.scope.length} 个机构(${check.scope.slice(0, 5).join('、')}${check.scope.length > 5 ? '等' : ''}),共 ${check.rows} 行。${rosterDiffText(check.counts)}`}
        description={
          applied
            ? `已记录人员变动 ${check.summary.movements ?? 0} 条,日期均为 ${check.asOf}。`
            : '确认同步后,以上变化按截止日期记为入编、出编、调动、任职、免职,信息变化直接更新;文件中没有的本范围人员记为出编(原因待补)。'
        }
      />
      {check.changes.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(c) => `${c.idNumber}|${c.name}|${c.kinds.join()}`}
          dataSource={check.changes}
          data-testid="sync-changes"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          footer={
            check.changeCount > check.changes.length
              ? () => `仅列出前 ${check.changes.length} 人,共 ${check.changeCount} 人有变化`
              : undefined
          }
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '身份证号', dataIndex: 'idNumber', width: 170 },
            {
              title: '变化',
              dataIndex: 'kindLabels',
              render: (labels: string[]) => labels.map((l) => <Tag key={l}>{l}</Tag>),
            },
            { title: '记为', dataIndex: 'movement', width: 70, render: (m: string | null) => m ?? '—' },
            { title: '原', render: (_: unknown, c: Change) => place(c.before) },
            { title: '现', render: (_: unknown, c: Change) => place(c.after) },
            {
              title: '信息变化',
              render: (_: unknown, c: Change) =>
                c.fields.map((f) => `${f.field}:${f.before ?? '(空)'} → ${f.after}`).join(';'),
            },
          ]}
        />
      )}
    </div>
  );
}
