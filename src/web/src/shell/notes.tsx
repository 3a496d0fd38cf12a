import type { ReactNode } from "react";

/** An API error's detail, shown plainly and announced to screen readers. */
export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="note error" role="alert">
      {error}
    </p>
  );
}

/** What is empty and what to do next. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
