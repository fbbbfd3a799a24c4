import { useEffect, useRef } from "react";

/**
 * Focus to a step's heading when the step (or its status) changes, so keyboard and screen
 * reader users start at the new content. An error summary focuses itself instead.
 */
export function useStepFocus<T extends HTMLElement>(key: string, enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled && key) ref.current?.focus();
  }, [key, enabled]);
  return ref;
}
