package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.port.in.CountInterruptionsQuery;
import io.pushledger.domain.port.in.InterruptionCounts;
import io.pushledger.domain.port.in.SessionCriteria;
import io.pushledger.domain.port.in.SessionPosition;
import io.pushledger.domain.port.in.StreamMatch;
import io.pushledger.domain.port.in.TimeRange;
import io.pushledger.domain.port.out.SessionHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/**
 * {@link SessionHistory} in native SQL on {@code push_session}, written so that PostgreSQL can use the
 * indexes of V1, V2 and V4: keyset pages as a row comparison on (started_at, sequence), stream ids by
 * equality, as a byte range of the text_pattern_ops b-tree (prefixes) or LIKE through trigrams
 * (contains), enum values as literals so that the partial index of open sessions qualifies.
 * QueryPlanTest checks the plans.
 */
@ApplicationScoped
public class SessionHistoryPersistenceAdapter implements SessionHistory {

    /** Below this many sessions a prefix's range is read whole and sorted; above, the start-time walk finds a page sooner. */
    static final int FEW_PREFIX_MATCHES = 2_000;

    private final PushSessionRepository repository;

    SessionHistoryPersistenceAdapter(PushSessionRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<PushSession> list(SessionCriteria criteria, TimeRange started, SessionPosition after, int max) {
        Conditions where = Conditions.matching(criteria);
        where.within("started_at", started);
        if (after != null) {
            where.add("(started_at, sequence) < (" + where.param(after.startedAt()) + ", "
                    + where.param(after.sequence().value()) + ")");
        }
        String order = " ORDER BY started_at DESC, sequence DESC LIMIT " + where.param(max);
        String sql = matchFirst(criteria.stream())
                ? "WITH matches AS MATERIALIZED (SELECT * FROM push_session" + where.sql() + ") SELECT * FROM matches" + order
                : "SELECT * FROM push_session" + where.sql() + order;
        Query query = repository.getEntityManager().createNativeQuery(sql, PushSessionEntity.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true);
        where.bind(query);
        @SuppressWarnings("unchecked")
        List<PushSessionEntity> rows = query.getResultList();
        return rows.stream().map(PushSessionMapper::toDomain).toList();
    }

    /**
     * Whether to collect the stream matches first and order them after, rather than walk the start-time
     * index until a page matches. PostgreSQL cannot estimate LIKE '%…%' at all, so contains always
     * matches first (through the trigram index). A prefix's estimate is often wrong by orders of
     * magnitude, so its range of the stream index is counted, up to {@link #FEW_PREFIX_MATCHES}: a rare
     * prefix is read whole, a common one is dense enough in time for the walk to stop early.
     */
    private boolean matchFirst(StreamMatch stream) {
        if (stream == null || stream.mode() == StreamMatch.Mode.EXACT) {
            return false;
        }
        if (stream.mode() == StreamMatch.Mode.CONTAINS) {
            return true;
        }
        Conditions range = new Conditions();
        range.stream(stream);
        Query count = repository.getEntityManager().createNativeQuery("SELECT count(*) FROM (SELECT 1 FROM push_session"
                + range.sql() + " LIMIT " + FEW_PREFIX_MATCHES + ") AS matches");
        range.bind(count);
        return ((Number) count.getSingleResult()).longValue() < FEW_PREFIX_MATCHES;
    }

    @Override
    public InterruptionCounts countInterruptions(CountInterruptionsQuery count) {
        Conditions where = Conditions.matching(count.criteria());
        where.add("status = 'ENDED'");
        where.within("ended_at", count.ended());
        String key = switch (count.groupBy()) {
            case CATEGORY -> "category";
            case ERRCODE -> "errcode";
            case DOMAIN -> "domain";
            case STREAM_ID -> "stream_id";
            case REGION -> "region";
        };
        // The window sum runs before LIMIT, so the total counts every group, not only those returned.
        String sql = "SELECT " + key + ", count(*), CAST(sum(count(*)) OVER () AS bigint) FROM push_session"
                + where.sql() + " GROUP BY 1 ORDER BY 2 DESC, 1 ASC NULLS LAST LIMIT " + where.param(count.maxGroups());
        Query query = repository.getEntityManager().createNativeQuery(sql);
        where.bind(query);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        long total = rows.isEmpty() ? 0 : ((Number) rows.getFirst()[2]).longValue();
        return new InterruptionCounts(total, rows.stream()
                .map(row -> new InterruptionCounts.Group(row[0] == null ? null : row[0].toString(),
                        ((Number) row[1]).longValue()))
                .toList());
    }

    /** A WHERE clause under construction with its positional parameters. */
    private static final class Conditions {

        private final List<String> clauses = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        static Conditions matching(SessionCriteria criteria) {
            Conditions where = new Conditions();
            if (criteria.stream() != null) {
                where.stream(criteria.stream());
            }
            if (criteria.domain() != null) {
                where.add("domain = " + where.param(criteria.domain()));
            }
            if (criteria.appName() != null) {
                where.add("app_name = " + where.param(criteria.appName()));
            }
            if (criteria.status() != null) {
                where.add("status = '" + criteria.status().name() + "'");
            }
            if (criteria.category() != null) {
                where.add("category = '" + criteria.category().name() + "'");
            }
            if (criteria.abnormal() != null) {
                where.add("abnormal = " + criteria.abnormal());
            }
            if (criteria.clientIp() != null) {
                where.add("client_ip = " + where.param(criteria.clientIp()));
            }
            return where;
        }

        void stream(StreamMatch match) {
            // Backslash is PostgreSQL's default LIKE escape.
            String escaped = match.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            switch (match.mode()) {
                case EXACT -> add("stream_id = " + param(match.text()));
                case PREFIX -> prefix(match.text());
                case CONTAINS -> add("stream_id LIKE " + param("%" + escaped + "%"));
            }
        }

        /**
         * The stream ids starting with {@code prefix}, as a range of the stream index, whose operator class
         * compares bytes: from the prefix up to, not including, the prefix with its last character one
         * higher. UTF-8 keeps code point order, so nothing else falls in between.
         */
        void prefix(String prefix) {
            add("stream_id ~>=~ " + param(prefix));
            int[] codePoints = prefix.codePoints().toArray();
            for (int last = codePoints.length - 1; last >= 0; last--) {
                int next = codePoints[last] + 1;
                if (next == Character.MIN_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                if (next <= Character.MAX_CODE_POINT) {
                    codePoints[last] = next;
                    add("stream_id ~<~ " + param(new String(codePoints, 0, last + 1)));
                    return;
                }
            }
        }

        void within(String column, TimeRange range) {
            if (range.from() != null) {
                add(column + " >= " + param(range.from()));
            }
            if (range.to() != null) {
                add(column + " < " + param(range.to()));
            }
        }

        void add(String clause) {
            clauses.add(clause);
        }

        String param(Object value) {
            parameters.add(value);
            return "?" + parameters.size();
        }

        String sql() {
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        void bind(Query query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
        }
    }
}
