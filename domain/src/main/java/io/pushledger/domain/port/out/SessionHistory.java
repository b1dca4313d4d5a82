package io.pushledger.domain.port.out;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.port.in.CountInterruptionsQuery;
import io.pushledger.domain.port.in.InterruptionCounts;
import io.pushledger.domain.port.in.SessionCriteria;
import io.pushledger.domain.port.in.SessionPosition;
import io.pushledger.domain.port.in.TimeRange;
import java.util.List;

/** The push sessions as the history reads them: filtered, newest first, counted. */
public interface SessionHistory {

    /**
     * Up to {@code max} sessions matching {@code criteria} that started within {@code started},
     * ordered by {@code startedAt} then {@code sequence}, both descending, strictly after {@code after} (null: from the start).
     */
    List<PushSession> list(SessionCriteria criteria, TimeRange started, SessionPosition after, int max);

    /** How many sessions are LIVE now. */
    long countLive();

    /** Ended sessions matching the query, counted in total and by its grouping, largest groups first. */
    InterruptionCounts countInterruptions(CountInterruptionsQuery query);
}
