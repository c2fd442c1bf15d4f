import { EmptyState, ErrorState, Loading } from '@/components/states';
import { formatDateTime } from '@/lib/format';
import { useAuditEvents } from '../api/get-audit-events';
import { describeActionEvent, type ChangeContext } from '../describe-change';

/**
 * "Change history": every change to an action from the audit trail, newest first: who, when, and each field
 * from → to. Only for people who may read the audit trail (`capabilities.readAudit`).
 */
export function ActionChangeHistory({ actionId, context }: { actionId: number; context: ChangeContext }) {
  const events = useAuditEvents('action', actionId);
  return (
    <section aria-labelledby="change-history-heading">
      <h2 className="govuk-heading-l" id="change-history-heading">
        Change history
      </h2>
      {events.isPending ? (
        <Loading label="Loading the change history" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.pages[0]?.items.length === 0 ? (
        <EmptyState title="No changes recorded yet" />
      ) : (
        <>
          <ol className="moj-timeline govuk-list" aria-label="Changes, newest first">
            {events.data.pages
              .flatMap((page) => page.items)
              .map((event) => {
                const { title, changes } = describeActionEvent(event, context);
                return (
                  <li key={event.id} className="moj-timeline__item">
                    <div className="moj-timeline__header">
                      <h3 className="moj-timeline__title">{title}</h3>{' '}
                      <p className="moj-timeline__byline">by {event.actorName}</p>
                    </div>
                    <p className="moj-timeline__date">
                      <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                    </p>
                    {changes.length > 0 ? (
                      <div className="moj-timeline__description">
                        <ul className="govuk-list govuk-list--bullet app-pre-wrap">
                          {changes.map((change, index) => (
                            <li key={index}>{change}</li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                  </li>
                );
              })}
          </ol>
          {events.hasNextPage ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => void events.fetchNextPage()}
              disabled={events.isFetchingNextPage}
            >
              {events.isFetchingNextPage ? 'Loading older changes…' : 'Show older changes'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
