/**
 * The actions over the cases ticked in the case list (the selection bar shows them between the
 * count and 清除): each acts on `selectedCaseIds`, in the order they were ticked.
 */
import { BatchButton } from '../batch/BatchButton.dom';

export interface SelectionActionsProps {
  selectedCaseIds: readonly string[];
}

export function SelectionActions({ selectedCaseIds }: SelectionActionsProps) {
  return <BatchButton caseIds={[...selectedCaseIds]} />;
}
