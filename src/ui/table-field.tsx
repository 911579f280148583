/**
 * A table of numbers as the reader gives it: typed or pasted into the box, a file picked, or a
 * file dropped on the box. The text is the reader's and stays as given; its fault, when it has
 * one, is shown under it with the row and column (the row is selected in the box on request).
 */
import { useId, useRef, useState, type DragEvent } from 'react';
import { MAX_CHARS } from '../data/table';

interface Props {
  text: string;
  onText(text: string): void;
  /** What is wrong with the table (row 0: the whole table), or null. */
  error: { message: string; row?: number } | null;
  /** One line on the table as read, when it reads. */
  summary: string | null;
}

/** The character range of 1-based line `row` of `text`. */
function lineRange(text: string, row: number): [number, number] {
  let from = 0;
  for (let r = 1; r < row; r++) {
    const next = text.indexOf('\n', from);
    if (next === -1) return [text.length, text.length];
    from = next + 1;
  }
  const end = text.indexOf('\n', from);
  return [from, end === -1 ? text.length : end];
}

export function TableField({ text, onText, error, summary }: Props) {
  const box = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [read, setRead] = useState<string | null>(null);
  const errorId = useId();

  const open = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_CHARS) {
      setRead(`${f.name} is ${(f.size / 1e6).toFixed(1)} MB; the most read is ${MAX_CHARS / 1e6} MB.`);
      return;
    }
    try {
      onText(await f.text());
      setRead(`Read ${f.name}.`);
    } catch {
      setRead(`${f.name} could not be read.`);
    }
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };
  const showRow = (row: number) => {
    const el = box.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(...lineRange(el.value, row));
  };

  return (
    <div className="table-field">
      <label htmlFor={`${errorId}-box`}>Data table</label>
      <p className="hint">Numbers in columns, comma, tab or space separated; a header row names the columns (else they are c1, c2, ...).</p>
      <textarea
        id={`${errorId}-box`}
        ref={box}
        className={dragging ? 'dragging' : undefined}
        value={text}
        rows={8}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onText(e.target.value)}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      />
      <div className="table-actions">
        <button type="button" onClick={() => file.current?.click()}>Open a CSV file…</button>
        <input ref={file} type="file" accept=".csv,.tsv,.txt,.dat,text/csv,text/plain" hidden aria-label="CSV file" onChange={(e) => void open(e.target.files?.[0]).then(() => (e.target.value = ''))} />
        <span className="hint">or drop one on the box.</span>
        {read && <span className="copied" role="status">{read}</span>}
      </div>
      {error ? (
        <div className="field-error" role="alert" id={errorId}>
          <p>
            {error.message}
            {error.row ? (
              <>
                {' '}
                <button type="button" className="small" onClick={() => showRow(error.row as number)}>Show row {error.row}</button>
              </>
            ) : null}
          </p>
        </div>
      ) : (
        summary && <p className="aside">{summary}</p>
      )}
    </div>
  );
}
