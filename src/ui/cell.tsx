/** A live cell of the notebook: a titled block holding controls and outputs. */
import type { ReactNode } from 'react';

export function Cell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="cell" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}
