/** 职能浏览: every duty, filtered by institution, source, category, domain or words; 50 a page, the page in the URL. */
import { Input, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { dutySourceLabels, dutySources, powerCategories } from '../../../../src/domain/vocabulary.js';
import { call } from '../../api';
import { optionsOf } from '../../components/ui';
import { PagedTable, usePagedQuery } from '../../components/paged-table';
import { ParamSelect } from '../../components/filter-select';
import { useInstitutionNames, useParam } from '../../hooks';
import type { Duty } from '../../types';

export function DutyBrowser() {
  const [institutionId] = useParam('institutionId');
  const [source] = useParam('source', dutySources);
  const [category] = useParam('category');
  const [domain, setDomain] = useParam('domain');
  const [q, setQ] = useParam('q');
  const names = useInstitutionNames();
  const duties = usePagedQuery({
    queryKey: ['duties', institutionId, source, category, domain, q],
    pageSize: 50,
    pageInUrl: true,
    fetchPage: (p) => call('GET /api/duties', { query: { institutionId, source, category, domain, q, ...p } }),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="事项名称或内容"
          allowClear
          defaultValue={q}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 220 }}
        />
        <ParamSelect param="institutionId" placeholder="机构" width={240} options={names.options()} search />
        <ParamSelect param="source" placeholder="来源" width={120} values={dutySources} labels={dutySourceLabels} />
        <ParamSelect param="category" placeholder="事项类别" width={140} options={optionsOf(powerCategories)} />
        <Input
          placeholder="领域(如 市场监管)"
          allowClear
          defaultValue={domain}
          onPressEnter={(e) => setDomain((e.target as HTMLInputElement).value.trim() || undefined)}
          onChange={(e) => !e.target.value && setDomain(undefined)}
          style={{ width: 160 }}
        />
      </Space>
      <PagedTable
        paged={duties}
        totalText={(t) => `共 ${t} 项`}
        expandable={{
          expandedRowRender: (d: Duty) => (
            <div>
              {d.text}
              {d.legalBasis && (
                <div>
                  <Typography.Text type="secondary">依据:{d.legalBasis}</Typography.Text>
                </div>
              )}
            </div>
          ),
        }}
        columns={[
          {
            title: '机构',
            dataIndex: 'institutionId',
            width: 200,
            render: (id: string) => <Link to={`/institutions/${id}`}>{names.nameOf(id)}</Link>,
          },
          { title: '来源', dataIndex: 'sourceLabel', width: 90 },
          { title: '类别', dataIndex: 'category', width: 90 },
          { title: '事项', dataIndex: 'title' },
          {
            title: '领域',
            dataIndex: 'domains',
            width: 160,
            render: (d: string[]) =>
              d.map((x) => (
                <Tag key={x} style={{ cursor: 'pointer' }} onClick={() => setDomain(x)}>
                  {x}
                </Tag>
              )),
          },
          { title: '牵头/配合', dataIndex: 'roleLabel', width: 80 },
        ]}
      />
    </>
  );
}
