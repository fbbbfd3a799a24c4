import { type MouseEvent, useEffect, useState } from "react";

/** One row of a repeated group; `key` stays with the row while rows before it come and go. */
export type RepeatRow<T> = { key: number; value: T };

/** Focuses the control at (or inside) the element with this id. */
function focusControl(id: string) {
  const el = document.getElementById(id);
  const control = el?.matches("input, select, textarea, button")
    ? el
    : el?.querySelector<HTMLElement>("input, select, textarea");
  control?.focus();
}

/**
 * Rows added and removed in place (decision 093): the persons of an intake, a person's
 * nationalities and languages. Keys are numbered from the initial rows, so the server and the
 * hydration pass render the same list. After an add, focus moves into the new row (`focusId`
 * names its first control); after a removal, to `afterRemove` (e.g. the add button).
 */
export function useRepeatRows<T>(
  initial: readonly T[],
  opts: { blank: () => T; max: number; focusId: (key: number, index: number) => string; afterRemove: string },
) {
  const [state, setState] = useState(() => ({
    rows: initial.map((value, key) => ({ key, value })),
    next: initial.length,
  }));
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (focus) {
      focusControl(focus);
      setFocus(null);
    }
  }, [focus]);
  return {
    rows: state.rows,
    canAdd: state.rows.length < opts.max,
    add() {
      if (state.rows.length >= opts.max) return;
      setState((s) => ({ rows: [...s.rows, { key: s.next, value: opts.blank() }], next: s.next + 1 }));
      setFocus(opts.focusId(state.next, state.rows.length));
    },
    remove(key: number) {
      setState((s) => ({ ...s, rows: s.rows.filter((r) => r.key !== key) }));
      setFocus(opts.afterRemove);
    },
  };
}

/**
 * A submit button's click handled in place once the page runs: without JavaScript the button
 * posts the form (the server renders it again with everything kept), with it `fn` runs instead.
 */
export const inPlace = (fn: () => void) => (e: MouseEvent<HTMLButtonElement>) => {
  e.preventDefault();
  fn();
};
