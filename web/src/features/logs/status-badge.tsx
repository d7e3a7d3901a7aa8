import { Badge } from '../../ui/card';

export function StatusBadge({ status }: { status: number }) {
  const tone = status < 300 ? 'good' : status === 429 || status < 500 ? 'warn' : 'bad';
  return <Badge tone={tone}>{status}</Badge>;
}
