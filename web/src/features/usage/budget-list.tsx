import { useApi } from '../../api/use-api';
import { Link } from '../../app/router';
import { Badge } from '../../ui/card';
import { formatRelative, formatUsd } from '../../ui/format';
import { Async, EmptyState } from '../../ui/states';
import type { BudgetStatus } from './usage-types';

/** Each key budget: spent against the limit, with the warning threshold and when the period resets. */
export function BudgetList() {
  const budgets = useApi<{ budgets: BudgetStatus[] }>('/api/usage/budget');
  return (
    <Async state={budgets}>
      {({ budgets: list }) =>
        list.length === 0 ? (
          <EmptyState title="No budgets set">
            Give a key a daily, weekly or monthly spend limit on the <Link to="/keys">API keys</Link> page.
          </EmptyState>
        ) : (
          <ul className="budget-list">
            {list.map((budget) => {
              const share = budget.limit === 0 ? 1 : Math.min(1, (budget.spent + budget.reserved) / budget.limit);
              const tone = budget.exceeded ? 'bad' : budget.warning ? 'warn' : 'good';
              return (
                <li key={budget.id}>
                  <div className="row">
                    <strong>{budget.keyName}</strong>
                    <span className="muted">{budget.period}</span>
                    <Badge tone={tone}>{budget.exceeded ? 'over budget' : budget.warning ? 'warning' : 'ok'}</Badge>
                    <span className="spacer" />
                    <span>
                      {formatUsd(budget.spent)} of {formatUsd(budget.limit)}
                    </span>
                  </div>
                  <div className={`meter meter-${tone}`} aria-hidden="true">
                    <span style={{ width: `${share * 100}%` }} />
                  </div>
                  <div className="muted small">resets {formatRelative(budget.resetsAt)}</div>
                </li>
              );
            })}
          </ul>
        )
      }
    </Async>
  );
}
