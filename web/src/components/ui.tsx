/** Small shared pieces: error display, numbers that open their drill-down, quota tags. */
import { Alert, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties, ReactNode } from 'react';
import { errorMessage } from '../api';

/** A list of codes as select options, labelled from its label map (or by themselves: ranks, 事业单位 classes…). */
export const optionsOf = <V extends string>(values: readonly V[], labels?: Record<V, string>) =>
  values.map((v) => ({ value: v, label: labels ? labels[v] : v }));

/** One date format everywhere: 2026-12-03; with the time of day 2026-12-03 18:08 (local time). */
export const formatDate = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD') : '—');
export const formatDateTime = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="error" />;
}

/** A number that can be clicked to see what is behind it. */
export function DrillNumber({
  value,
  onClick,
  danger,
  testId,
  style,
}: {
  value: ReactNode;
  onClick?: () => void;
  danger?: boolean;
  testId?: string;
  style?: CSSProperties;
}) {
  return (
    <Typography.Link
      onClick={onClick}
      data-testid={testId}
      style={{ fontVariantNumeric: 'tabular-nums', ...(danger ? { color: '#cf1322', fontWeight: 600 } : {}), ...style }}
    >
      {value}
    </Typography.Link>
  );
}

export const kindColors: Record<string, string> = {
  party_dept: 'red',
  gov_dept: 'volcano',
  dept_managed: 'orange',
  dispatched: 'gold',
  coordination: 'default',
  street: 'green',
  township: 'cyan',
  mass_org: 'magenta',
  organ: 'purple',
  public_institution: 'blue',
  internal_unit: 'default',
};

export const KindTag = ({ kind, label }: { kind: string; label: string }) => (
  <Tag color={kindColors[kind] ?? 'default'}>{label}</Tag>
);

export const statusColors: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'gold',
  applied: 'success',
  rejected: 'error',
};

export const severityColors: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };

/** Text with the given terms marked. */
export function Highlighted({ text, terms }: { text: string; terms?: string[] }) {
  const t = (terms ?? []).filter(Boolean).sort((a, b) => b.length - a.length);
  if (!t.length) return <>{text}</>;
  const re = new RegExp(`(${t.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return (
    <>
      {text.split(re).map((part, i) =>
        t.includes(part) ? (
          <mark key={i} style={{ background: '#ffe58f', padding: 0 }}>
            {part}
          </mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}
