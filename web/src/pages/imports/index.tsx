/** 导入导出: upload → every row's problem listed → commit only a clean file; templates and exports to download. */
import { InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Input, Radio, Row, Select, Space, Steps, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { importSummaryText } from '../../../../src/domain/vocabulary.js';
import type { ImportKind } from '../../../../src/domain/records.js';
import { call } from '../../api';
import { useSubmit } from '../../hooks';
import type { ImportResult, RosterSyncResult } from '../../types';
import { CheckReport } from './check-report';
import { Downloads } from './downloads';
import { SyncReport } from './sync-report';

export function ImportPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  // the kinds come from the server (one list for the CLI, the API and this page)
  const kinds =
    useQuery({
      queryKey: ['import-kinds'],
      queryFn: () => call('GET /api/imports/kinds'),
      staleTime: Infinity,
    }).data ?? [];
  const [kind, setKind] = useState<ImportKind>('roster');
  const asAdjustment = kinds.find((k) => k.kind === kind)?.asAdjustment ?? false;
  const [file, setFile] = useState<File>();
  const [docNumber, setDocNumber] = useState('');
  const [effectiveOn, setEffectiveOn] = useState<string>();
  // a roster file is imported (new people only) or synced: reconciled with the roster as of its cut-off date
  const [mode, setMode] = useState<'import' | 'sync'>('import');
  const [asOf, setAsOf] = useState<string>();
  const sync = kind === 'roster' && mode === 'sync';
  const [check, setCheck] = useState<ImportResult | RosterSyncResult>();
  const [done, setDone] = useState<ImportResult | RosterSyncResult>();
  const { busy, error, setError, run } = useSubmit();

  const send = async (dryRun: boolean) => {
    if (!file) return;
    await run(async () => {
      const form = new FormData();
      form.append('file', file, file.name);
      const r = sync
        ? await call('POST /api/roster/sync', {
            query: { dryRun: dryRun ? 'true' : 'false', asOf, docNumber: docNumber || undefined },
            form,
          })
        : await call('POST /api/imports/:kind', {
            params: { kind },
            query: {
              dryRun: dryRun ? 'true' : 'false',
              docNumber: asAdjustment ? docNumber || undefined : undefined,
              effectiveOn: asAdjustment || kind === 'duties' ? effectiveOn : undefined,
            },
            form,
          });
      if (dryRun) setCheck(r);
      else {
        setDone(r);
        if (r.ok) {
          message.success(sync ? `已同步 ${r.rows} 行` : `已导入 ${r.rows} 行`);
          await client.invalidateQueries();
        }
      }
    });
  };
  const reset = (f?: File) => {
    setFile(f);
    setCheck(undefined);
    setDone(undefined);
    setError(undefined);
  };
  const step = done?.ok ? 2 : check?.ok ? 1 : 0;

  return (
    <Row gutter={16} data-testid="import-page">
      <Col xs={24} xl={16}>
        <Card title="导入数据">
          <Steps
            current={step}
            style={{ marginBottom: 24 }}
            items={
              sync
                ? [{ title: '选择名册并对账' }, { title: '确认同步' }, { title: '完成' }]
                : [{ title: '选择文件并校验' }, { title: '确认导入' }, { title: '完成' }]
            }
          />
          <Space wrap style={{ marginBottom: 16 }}>
            <span>数据类型</span>
            <Select
              style={{ width: 300 }}
              value={kind}
              onChange={(k) => {
                setKind(k);
                reset();
              }}
              options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
              data-testid="import-kind"
            />
            {kind === 'roster' && (
              <Radio.Group
                value={mode}
                onChange={(e) => {
                  setMode(e.target.value as 'import' | 'sync');
                  reset(file);
                }}
                optionType="button"
                data-testid="import-mode"
                options={[
                  { value: 'import', label: '导入新人员' },
                  { value: 'sync', label: '同步(对账)' },
                ]}
              />
            )}
            {sync && (
              <DatePicker
                placeholder="名册截止日期(默认今天)"
                value={asOf ? dayjs(asOf) : null}
                onChange={(d) => {
                  setAsOf(d ? d.format('YYYY-MM-DD') : undefined);
                  reset(file);
                }}
                style={{ width: 220 }}
                data-testid="sync-as-of"
              />
            )}
            {sync && (
              <Input
                placeholder="文号(选填)"
                value={docNumber}
                onChange={(e) => setDocNumber(e.target.value)}
                style={{ width: 200 }}
              />
            )}
            {asAdjustment && (
              <Input
                placeholder="文号(如 示编〔2026〕5号)"
                value={docNumber}
                onChange={(e) => setDocNumber(e.target.value)}
                style={{ width: 240 }}
              />
            )}
            {asAdjustment && (
              <DatePicker
                placeholder="生效日期(如三定印发日期)"
                value={effectiveOn ? dayjs(effectiveOn) : null}
                onChange={(d) => setEffectiveOn(d ? d.format('YYYY-MM-DD') : undefined)}
                style={{ width: 220 }}
                data-testid="import-effective-on"
              />
            )}
            {kind === 'duties' && (
              <DatePicker
                placeholder="清单印发/公布日期(选填)"
                value={effectiveOn ? dayjs(effectiveOn) : null}
                onChange={(d) => setEffectiveOn(d ? d.format('YYYY-MM-DD') : undefined)}
                style={{ width: 220 }}
                data-testid="import-published-on"
              />
            )}
          </Space>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              reset(f);
              return false;
            }}
            onRemove={() => reset()}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽 Excel(.xlsx)或 CSV 文件到此处</p>
            <p className="ant-upload-hint">先校验每一行;有任何错误都不会写入数据库。</p>
          </Upload.Dragger>
          <Space style={{ marginTop: 16 }}>
            <Button
              type="primary"
              disabled={!file || busy}
              loading={busy && !check}
              onClick={() => send(true)}
              data-testid="import-check"
            >
              校验
            </Button>
            <Button
              type="primary"
              danger
              disabled={!check?.ok || busy || !!done?.ok}
              loading={busy && !!check}
              onClick={() => send(false)}
              data-testid="import-commit"
            >
              {sync ? '确认同步' : '确认导入'}
            </Button>
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="import-error" />}
          {check &&
            !done &&
            (sync && check.ok && 'counts' in check ? <SyncReport check={check} /> : <CheckReport check={check} />)}
          {done && sync && done.ok && 'counts' in done && <SyncReport check={done} applied />}
          {done && !(sync && done.ok) && (
            <Alert
              style={{ marginTop: 16 }}
              type={done.ok ? 'success' : 'error'}
              showIcon
              data-testid="import-done"
              title={
                done.ok
                  ? `导入完成:已写入 ${done.rows} 行。${importSummaryText(done.summary)}`
                  : `导入失败:发现 ${done.problemCount} 个问题,未写入任何数据。`
              }
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Downloads kinds={kinds} />
      </Col>
    </Row>
  );
}
