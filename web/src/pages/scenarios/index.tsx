/** 方案 pages: /scenarios (list), /scenarios/compare?ids=…, /scenarios/optimize, /scenarios/:id (build and decide). */
import { useParams } from 'react-router';
import { ScenarioBuilder } from './scenario-builder';
import { ScenarioCompare } from './scenario-compare';
import { ScenarioList } from './scenario-list';
import { ScenarioOptimize } from './scenario-optimize';

export function ScenariosPage() {
  const { id } = useParams();
  if (!id) return <ScenarioList />;
  if (id === 'compare') return <ScenarioCompare />;
  if (id === 'optimize') return <ScenarioOptimize />;
  return <ScenarioBuilder key={id} id={id} />;
}
