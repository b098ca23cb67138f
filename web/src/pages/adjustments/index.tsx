/** 编制事项: drafts with one form per kind of change, the diff before it is carried out, submit → approve → apply. */
import { useParams } from 'react-router';
import { AdjustmentFile } from './adjustment-file';
import { AdjustmentList } from './adjustment-list';
import { DraftForm } from './draft-form';

export function AdjustmentsPage() {
  const { id } = useParams();
  if (id === 'new') return <DraftForm />;
  if (id) return <AdjustmentFile id={id} />;
  return <AdjustmentList />;
}
