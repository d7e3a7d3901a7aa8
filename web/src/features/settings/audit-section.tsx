import { useState } from 'react';
import { useApi } from '../../api/use-api';
import { Badge, Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { formatTime } from '../../ui/format';
import { Async, EmptyState } from '../../ui/states';
import { Pagination, Table } from '../../ui/table';
import { shortTime } from '../logs/short-time';

interface AuditEntry {
  id: number;
  createdAt: string;
  actor: string;
  ip: string | null;
  action: string;
  target: string | null;
  details: unknown;
}

const pageSize = 25;

/** Logins, configuration changes (with what changed), key changes and blocked requests, newest first. */
export function AuditSection() {
  const [action, setAction] = useState('');
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const page = useApi<{ entries: AuditEntry[]; nextCursor: number | null }>('/api/compliance/audit-log', {
    query: { limit: pageSize, before, action: action.trim() || undefined },
  });
  return (
    <Card title="Audit log">
      <div className="form-grid">
        <Field label="Action" hint="Exact action, e.g. login.success or combo.create.">
          {(props) => (
            <input
              {...props}
              value={action}
              onChange={(event) => {
                setAction(event.target.value);
                setCursors([]);
              }}
            />
          )}
        </Field>
      </div>
      <Async state={page}>
        {(data) => (
          <>
            <Table
              caption="Audit log"
              rows={data.entries}
              rowKey={(row) => String(row.id)}
              pageSize={pageSize}
              empty={<EmptyState title="Nothing recorded" />}
              columns={[
                {
                  key: 'time',
                  header: 'Time',
                  render: (row) => (
                    <span title={formatTime(row.createdAt)}>{shortTime(Date.parse(row.createdAt))}</span>
                  ),
                },
                {
                  key: 'action',
                  header: 'Action',
                  render: (row) => (
                    <Badge tone={/fail|block/.test(row.action) ? 'warn' : 'neutral'}>{row.action}</Badge>
                  ),
                },
                {
                  key: 'actor',
                  header: 'Who',
                  render: (row) => `${row.actor}${row.ip ? ` (${row.ip})` : ''}`,
                  hideOnPhone: true,
                },
                {
                  key: 'details',
                  header: 'Details',
                  hideOnPhone: true,
                  render: (row) => <code className="small audit-details">{summary(row)}</code>,
                },
              ]}
            />
            {(before !== undefined || data.nextCursor !== null) && (
              <Pagination
                hasPrevious={before !== undefined}
                hasNext={data.nextCursor !== null}
                onPrevious={() => setCursors(cursors.slice(0, -1))}
                onNext={() => data.nextCursor !== null && setCursors([...cursors, data.nextCursor])}
              />
            )}
          </>
        )}
      </Async>
    </Card>
  );
}

function summary(entry: AuditEntry): string {
  const details = entry.details === null || entry.details === undefined ? '' : JSON.stringify(entry.details);
  const text = [entry.target, details].filter(Boolean).join(' ');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
