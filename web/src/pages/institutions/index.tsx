/** 机构: the institution tree (kind, rank, 挂靠 shown apart) and one institution's file with its 沿革. */
import { Card, Col, DatePicker, Empty, Input, Row, Skeleton, Space, Switch, Tree } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ui';
import { useInstitutions, useParam } from '../../hooks';
import { InstitutionFile } from './institution-file';
import { buildTree } from './institution-tree';

export function InstitutionsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [asOf, setAsOf] = useParam('asOf');
  const tree = useInstitutions(asOf);
  const [filter, setFilter] = useState('');
  const [showAbolished, setShowAbolished] = useState(false);
  const nodes = useMemo(
    () => buildTree(tree.data?.items ?? [], filter.trim(), showAbolished),
    [tree.data, filter, showAbolished],
  );
  return (
    <Row gutter={16} data-testid="institutions-page">
      <Col xs={24} lg={9} xl={8}>
        <Card
          title="机构"
          size="small"
          extra={
            <Space size="small">
              <span style={{ fontSize: 12 }}>含已撤销</span>
              <Switch size="small" checked={showAbolished} onChange={setShowAbolished} />
            </Space>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.Search placeholder="机构名称或加挂牌子" allowClear onChange={(e) => setFilter(e.target.value)} />
            <DatePicker
              placeholder="截至日期(默认今天)"
              style={{ width: '100%' }}
              value={asOf ? dayjs(asOf) : null}
              onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            />
            <ErrorAlert error={tree.error} />
            {tree.isLoading ? (
              <Skeleton active />
            ) : (
              <div style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }} data-testid="institution-tree">
                <Tree
                  blockNode
                  showLine
                  treeData={nodes}
                  defaultExpandedKeys={nodes.slice(0, 2).map((n) => n.key)}
                  defaultExpandAll={!!filter || (tree.data?.items.length ?? 0) < 30}
                  key={filter ? `f:${filter}` : 'all'}
                  selectedKeys={id ? [id] : []}
                  onSelect={(keys) => {
                    const k = String(keys[0] ?? '');
                    if (k && !k.startsWith('kind:')) navigate(`/institutions/${k}${asOf ? `?asOf=${asOf}` : ''}`);
                  }}
                />
              </div>
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {id ? (
          <InstitutionFile id={id} asOf={asOf} />
        ) : (
          <Card>
            <Empty description="在左侧选择一个机构,查看其编制、人员、职能与沿革" />
          </Card>
        )}
      </Col>
    </Row>
  );
}
