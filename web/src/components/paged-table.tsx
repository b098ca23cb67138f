/**
 * A list the server answers one page at a time (people, duties…): which page is shown (in the URL's ?page= — kept by
 * reloads and links, reset by useParam when another filter changes — or in the component's own state), the request
 * for that page, and the table with its error, loading state and pager. One place for what every such list repeated;
 * `QueryTable` is the same table for a list answered whole.
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useParam } from '../hooks';
import { ErrorAlert } from './ui';

/** One page of a list: its rows and how many rows there are in all. */
export interface ListPage<Row> {
  items: Row[];
  total: number;
}

export interface PagedQuery<Row> {
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  query: UseQueryResult<ListPage<Row>>;
}

/**
 * The current page's request. `queryKey` names the list and its filters (the page number is appended), so writes that
 * invalidate the list's key reach every page of it.
 */
export function usePagedQuery<Row>({
  queryKey,
  pageSize,
  fetchPage,
  pageInUrl = false,
}: {
  queryKey: readonly unknown[];
  pageSize: number;
  fetchPage: (p: { page: number; pageSize: number }) => Promise<ListPage<Row>>;
  pageInUrl?: boolean;
}): PagedQuery<Row> {
  const [pageParam, setPageParam] = useParam('page');
  const [localPage, setLocalPage] = useState(1);
  const page = pageInUrl ? Number(pageParam ?? 1) : localPage;
  const setPage = pageInUrl
    ? (p: number) => setPageParam(p === 1 ? undefined : String(p))
    : (p: number) => setLocalPage(p);
  const query = useQuery({ queryKey: [...queryKey, page], queryFn: () => fetchPage({ page, pageSize }) });
  return { page, pageSize, setPage, query };
}

type PagedTableProps<Row> = Omit<TableProps<Row>, 'dataSource' | 'loading' | 'pagination'> & {
  paged: PagedQuery<Row>;
  /** The count beside the pager, in the list's own words (共 12 项, 共 12 人); none when absent. */
  totalText?: (total: number) => string;
};

/** The table of a list the server answers: the request's error above it and its loading state; small, keyed by id. */
export function QueryTable<Row extends object>({
  query,
  ...table
}: Omit<TableProps<Row>, 'loading'> & { query: Pick<UseQueryResult, 'error' | 'isLoading'> }) {
  return (
    <>
      <ErrorAlert error={query.error} />
      <Table<Row> size="small" rowKey="id" {...table} loading={query.isLoading} />
    </>
  );
}

/** The table of a paged list: one page of rows, antd's pager over the total; the page size is the list's own. */
export function PagedTable<Row extends object>({ paged, totalText, ...table }: PagedTableProps<Row>) {
  const { page, pageSize, setPage, query } = paged;
  return (
    <QueryTable<Row>
      {...table}
      query={query}
      dataSource={query.data?.items}
      pagination={{
        current: page,
        pageSize,
        total: query.data?.total,
        showSizeChanger: false,
        onChange: (p) => setPage(p),
        showTotal: totalText,
      }}
    />
  );
}
