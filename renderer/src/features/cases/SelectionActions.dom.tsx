/**
 * The place for actions over the cases ticked in the case list (the selection bar shows it between
 * the count and 清除): each button acts on `selectedCaseIds`, in the order they were ticked.
 * None yet.
 */
export interface SelectionActionsProps {
  selectedCaseIds: readonly string[];
}

export function SelectionActions(_props: SelectionActionsProps) {
  return null;
}
