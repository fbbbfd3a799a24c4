import type { ReactNode } from "react";

/** A message box above content; a success is announced as a status. */
export function Notice({
  kind = "info",
  children,
}: {
  kind?: "info" | "success" | "warning";
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === "success" ? "status" : undefined}>
      {children}
    </div>
  );
}
