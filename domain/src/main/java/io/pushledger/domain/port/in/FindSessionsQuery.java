package io.pushledger.domain.port.in;

/**
 * One page of sessions matching {@code criteria} that started within {@code started}, newest first,
 * after {@code after} (null: from the newest).
 */
public record FindSessionsQuery(SessionCriteria criteria, TimeRange started, int limit, SessionPosition after) {

    public FindSessionsQuery {
        if (criteria == null || started == null) {
            throw new IllegalArgumentException("a session query needs criteria and a time range");
        }
        Limits.require(limit);
    }
}
