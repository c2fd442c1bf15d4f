import type { Timeliness } from '../timeliness';

/** On time, late, or due by a day: words in a border, never colour alone. */
export function TimelinessTag({ timeliness }: { timeliness: Timeliness }) {
  const modifier = { on_time: 'app-flag--on-time', late: 'app-flag--late', due: 'app-flag--due', unknown: 'app-flag--due' }[timeliness.state];
  return <strong className={`app-flag ${modifier}`}>{timeliness.words}</strong>;
}
