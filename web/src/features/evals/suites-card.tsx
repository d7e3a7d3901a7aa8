import { useState } from 'react';
import { api } from '../../api/client';
import { Button } from '../../ui/button';
import { Badge, Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/overlay';
import { EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';
import type { EvalSuiteSummary } from './eval-types';
import { SuiteEditor } from './suite-editor';

type Editing = { suiteId?: string; initial?: unknown };

/** Built-in and user suites: create, edit (as JSON), copy a built-in one, delete. */
export function SuitesCard({ suites, onChanged }: { suites: EvalSuiteSummary[]; onChanged: () => void }) {
  const toast = useToast();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<EvalSuiteSummary>();

  // The list has no cases: fetch the whole suite before editing it.
  const open = async (suite: EvalSuiteSummary, copy: boolean) => {
    try {
      const full = await api.get<EvalSuiteSummary>(`/api/evals/${encodeURIComponent(suite.id)}`);
      const definition = {
        name: copy ? `${full.name}-copy` : full.name,
        ...(full.description ? { description: full.description } : {}),
        cases: full.cases ?? [],
      };
      setEditing(copy ? { initial: definition } : { suiteId: suite.id, initial: definition });
    } catch (caught) {
      toast.error(caught);
    }
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      await api.delete(`/api/evals/${encodeURIComponent(deleting.id)}`);
      toast.success(`Suite ${deleting.name} deleted`);
      onChanged();
    } catch (caught) {
      toast.error(caught);
    }
    setDeleting(undefined);
  };

  return (
    <Card
      title="Suites"
      actions={
        <Button variant="primary" onClick={() => setEditing({})}>
          New suite
        </Button>
      }
    >
      <Table
        caption="Eval suites"
        rows={suites}
        rowKey={(suite) => suite.id}
        empty={
          <EmptyState title="No suites">
            Create one: a list of prompts and the checks their answers must pass.
          </EmptyState>
        }
        columns={[
          { key: 'name', header: 'Suite', render: (suite) => <code>{suite.name}</code> },
          {
            key: 'kind',
            header: 'Kind',
            render: (suite) => (suite.builtIn ? <Badge tone="info">built-in</Badge> : <Badge>yours</Badge>),
          },
          { key: 'cases', header: 'Cases', align: 'right', render: (suite) => suite.caseCount },
          { key: 'description', header: 'Description', hideOnPhone: true, render: (suite) => suite.description ?? '' },
          {
            key: 'actions',
            header: <span className="visually-hidden">Actions</span>,
            align: 'right',
            render: (suite) =>
              suite.builtIn ? (
                <Button
                  size="small"
                  variant="ghost"
                  onClick={() => void open(suite, true)}
                  aria-label={`Copy suite ${suite.name}`}
                >
                  Copy
                </Button>
              ) : (
                <div className="row eval-actions">
                  <Button
                    size="small"
                    variant="ghost"
                    onClick={() => void open(suite, false)}
                    aria-label={`Edit suite ${suite.name}`}
                  >
                    Edit
                  </Button>
                  <Button
                    size="small"
                    variant="ghost"
                    onClick={() => setDeleting(suite)}
                    aria-label={`Delete suite ${suite.name}`}
                  >
                    Delete
                  </Button>
                </div>
              ),
          },
        ]}
      />
      {editing && (
        <SuiteEditor
          suiteId={editing.suiteId}
          initial={editing.initial}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            onChanged();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete"
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(undefined)}
        >
          Its past runs are kept (they hold the suite as it was).
        </ConfirmDialog>
      )}
    </Card>
  );
}
