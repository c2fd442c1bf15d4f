import type { Timeliness } from '../timeliness';

/** On time, late, or due by a day (grey: a step still to come): words in an MoJ badge, never colour alone. */
export function TimelinessTag({ timeliness }: { timeliness: Timeliness }) {
  const modifier = { on_time: 'moj-badge--green', late: 'moj-badge--red', due: 'moj-badge--grey', unknown: 'moj-badge--grey' }[timeliness.state];
  return <strong className={`moj-badge ${modifier}`}>{timeliness.words}</strong>;
}
