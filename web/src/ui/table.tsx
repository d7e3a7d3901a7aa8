import { type ReactNode, useEffect, useState } from 'react';
import { Button } from './button';

export interface Column<T> {
  /** Stable key for React, and the column's class name (`column-<key>`). */
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Hidden on phone widths: keep the essential columns visible. */
  hideOnPhone?: boolean;
  align?: 'left' | 'right';
}

export interface TableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Rows per page for client-side paging (long lists). Server-paged tables pass all rows and use Pagination. */
  pageSize?: number;
  empty?: ReactNode;
  onRowClick?: (row: T) => void;
  caption?: string;
}

/** A data table; scrolls sideways on narrow screens, pages through long lists 25 rows at a time. */
export function Table<T>({ columns, rows, rowKey, pageSize = 25, empty, onRowClick, caption }: TableProps<T>) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  useEffect(() => {
    if (page >= pages) setPage(pages - 1);
  }, [page, pages]);
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const visible = rows.slice(page * pageSize, (page + 1) * pageSize);
  const cellClass = (column: Column<T>) =>
    [`column-${column.key}`, column.hideOnPhone ? 'hide-on-phone' : '', column.align === 'right' ? 'align-right' : '']
      .filter(Boolean)
      .join(' ');
  return (
    <div className="table-wrap">
      <table className="table">
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} className={cellClass(column)} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr
              key={rowKey(row)}
              className={onRowClick ? 'row-clickable' : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
            >
              {columns.map((column) => (
                <td key={column.key} className={cellClass(column)}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <Pagination
          label={`Page ${page + 1} of ${pages} · ${rows.length} rows`}
          hasPrevious={page > 0}
          hasNext={page < pages - 1}
          onPrevious={() => setPage(page - 1)}
          onNext={() => setPage(page + 1)}
        />
      )}
    </div>
  );
}

/** Previous/next controls; also for server-side (cursor) paging such as request logs. */
export function Pagination({
  label,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
}: {
  label?: ReactNode;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <nav className="pagination" aria-label="Pagination">
      <Button size="small" onClick={onPrevious} disabled={!hasPrevious}>
        ← Previous
      </Button>
      {label && <span className="muted">{label}</span>}
      <Button size="small" onClick={onNext} disabled={!hasNext}>
        Next →
      </Button>
    </nav>
  );
}
