/** The check of an uploaded file: passed, or every row's problem listed (nothing is written); warnings apart. */
import { Alert, Table } from 'antd';
import type { ImportResult } from '../../types';

/** What the check shows of an import's or a sync's answer. */
type Checked = Omit<ImportResult, 'kind' | 'kindLabel'>;

export function CheckReport({ check }: { check: Checked }) {
  return (
    <div style={{ marginTop: 16 }} data-testid="import-report">
      {check.ok ? (
        <Alert type="success" showIcon title={`校验通过:共 ${check.rows} 行,没有错误。可以确认导入。`} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`校验未通过:共 ${check.rows} 行,发现 ${check.problemCount} 个问题。请修改文件后重新上传,本次未导入任何数据。`}
        />
      )}
      {check.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`另有 ${check.warnings.length} 条提示(不影响导入)`}
          description={check.warnings.slice(0, 5).map((w) => (
            <div key={`${w.sheet}${w.row}${w.column}`}>{w.message}</div>
          ))}
        />
      )}
      {check.problems.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(p) => `${p.sheet}|${p.row}|${p.column}|${p.reason}`}
          dataSource={check.problems}
          data-testid="import-problems"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '工作表', dataIndex: 'sheet', width: 120 },
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 120 },
            { title: '问题', dataIndex: 'reason' },
          ]}
        />
      )}
    </div>
  );
}
