package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.port.in.CountInterruptionsQuery;
import io.pushledger.domain.port.in.InterruptionCounts;
import io.pushledger.domain.port.in.InterruptionGrouping;
import io.pushledger.domain.port.in.SessionCriteria;
import io.pushledger.domain.port.in.SessionPosition;
import io.pushledger.domain.port.in.StreamMatch;
import io.pushledger.domain.port.in.TimeRange;
import io.pushledger.domain.port.out.SessionHistory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SessionHistory} in native SQL on {@code push_session}, written so that PostgreSQL can use the
 * indexes of V1, V2, V4 and V7: keyset pages as a row comparison on (started_at, sequence), stream ids
 * by equality, as a byte range of the text_pattern_ops b-tree (prefixes) or LIKE through the trigrams
 * of the known streams (contains), enum values as literals so that the partial index of open sessions
 * qualifies.
 * Interruptions are counted from the per-day rollup of V5 where the query allows, push_session
 * filling in the partial days at the window's edges; top streams from V14's per-day rows by stream and V15's
 * spans of past days. QueryPlanTest checks the plans. Every statement
 * runs on the history's own pool ({@link ReadPool}).
 */
@ApplicationScoped
public class SessionHistoryPersistenceAdapter implements SessionHistory {

    /**
     * Below this many matching streams, a prefix or substring is answered stream by stream; above, the
     * matches are dense enough in time for the walk of the start-time index to fill a page soon.
     */
    static final int FEW_MATCHING_STREAMS = 1_000;

    /** The order of every page, with the LIMIT's value to follow. */
    private static final String NEWEST_FIRST = " ORDER BY started_at DESC, sequence DESC LIMIT ";

    private final ReadPool reads;

    SessionHistoryPersistenceAdapter(ReadPool reads) {
        this.reads = reads;
    }

    @Override
    public List<PushSession> list(SessionCriteria criteria, TimeRange started, SessionPosition after, int max) {
        Parameters parameters = new Parameters();
        boolean streamByStream = fewStreamsMatch(criteria.stream());
        Conditions where = streamByStream
                ? Conditions.besidesTheStream(criteria, parameters)
                : Conditions.matching(criteria, parameters);
        where.within("started_at", started);
        if (after != null) {
            where.add("(started_at, sequence) < (" + parameters.add(after.startedAt()) + ", "
                    + parameters.add(after.sequence().value()) + ")");
        }
        String limit = parameters.add(max);
        String sql = streamByStream
                ? newestOfEachMatchingStream(criteria.stream(), where, limit, parameters)
                : "SELECT * FROM push_session" + where.sql() + NEWEST_FIRST + limit;
        return parameters.query(reads, sql, rows -> {
            List<PushSession> sessions = new ArrayList<>();
            while (rows.next()) {
                sessions.add(PushSessionMapper.fromRow(rows));
            }
            return sessions;
        });
    }

    /**
     * Whether a prefix or substring matches fewer than {@link #FEW_MATCHING_STREAMS} known streams (V7),
     * counted there: PostgreSQL's estimate of either is often wrong by orders of magnitude.
     */
    private boolean fewStreamsMatch(StreamMatch stream) {
        if (stream == null || stream.mode() == StreamMatch.Mode.EXACT) {
            return false;
        }
        Parameters parameters = new Parameters();
        Conditions match = Conditions.streamIds(stream, parameters);
        String count = "SELECT count(*) FROM (SELECT 1 FROM known_stream" + match.sql() + " LIMIT "
                + FEW_MATCHING_STREAMS + ") AS matches";
        return parameters.query(reads, count, rows -> rows.next() && rows.getLong(1) < FEW_MATCHING_STREAMS);
    }

    /**
     * The page among the newest sessions of each matching stream, read in order from the stream index: at
     * most a page per stream, and only their keys (an index-only scan where the criteria allow), so
     * that only the page's own rows are read from the table.
     */
    private static String newestOfEachMatchingStream(StreamMatch stream, Conditions where, String limit,
            Parameters parameters) {
        where.add("stream_id = known.stream_id");
        Conditions match = Conditions.streamIds(stream, parameters);
        return "SELECT * FROM push_session WHERE sequence IN (SELECT sequence FROM known_stream AS known"
                + " CROSS JOIN LATERAL (SELECT started_at, sequence FROM push_session" + where.sql() + NEWEST_FIRST + limit
                + ") AS newest" + match.sql() + NEWEST_FIRST + limit + ")" + NEWEST_FIRST + limit;
    }

    /** An index-only count of the partial index of LIVE sessions (V6): 100,000 entries at the benchmark's 10 M. */
    @Override
    public long countLive() {
        return reads.query("SELECT count(*) FROM push_session WHERE status = 'LIVE'", List.of(),
                rows -> rows.next() ? rows.getLong(1) : 0);
    }

    @Override
    public InterruptionCounts countInterruptions(CountInterruptionsQuery count) {
        String key = switch (count.groupBy()) {
            case CATEGORY -> "category";
            case ERRCODE -> "errcode";
            case DOMAIN -> "domain";
            case STREAM_ID -> "stream_id";
            case REGION -> "region";
        };
        Parameters parameters = new Parameters();
        Optional<UtcDays> days = rollupCanCount(count) ? UtcDays.within(count.ended()) : Optional.empty();
        Optional<SummedSpan> span = days.isPresent() && count.groupBy() == InterruptionGrouping.STREAM_ID
                ? summedSpanStarting(days.get())
                : Optional.empty();
        // The window sum runs before LIMIT, so the total counts every group, not only those returned.
        // All forms group, order and break ties alike, so they answer the same.
        String sql = days.isPresent()
                ? "SELECT " + key + ", CAST(sum(sessions) AS bigint), CAST(sum(sum(sessions)) OVER () AS bigint) FROM ("
                        + (span.isPresent()
                                ? countedBySpan(count.criteria(), span.get(), days.get(), parameters)
                                : countedByDay(count.criteria(), key, rollupOf(count), days.get(), parameters))
                        + ") AS counted"
                : "SELECT " + key + ", count(*), CAST(sum(count(*)) OVER () AS bigint) FROM push_session"
                        + endedWithin(count.criteria(), count.ended(), parameters).sql();
        // A group whose sessions all ended in a day's part subtracted again has none in the window.
        sql += " GROUP BY 1" + (days.isPresent() ? " HAVING sum(sessions) <> 0" : "")
                + " ORDER BY 2 DESC, 1 ASC NULLS LAST LIMIT " + parameters.add(count.maxGroups());
        return parameters.query(reads, sql, rows -> {
            long total = 0;
            List<InterruptionCounts.Group> groups = new ArrayList<>();
            while (rows.next()) {
                Object group = rows.getObject(1);
                groups.add(new InterruptionCounts.Group(group == null ? null : group.toString(), rows.getLong(2)));
                total = rows.getLong(3);
            }
            return new InterruptionCounts(total, groups);
        });
    }

    /**
     * interruptions_by_day (V5) keeps ended sessions per day and per domain, app name, region, category,
     * errcode and abnormal: nothing about streams or client addresses, and nothing about open sessions.
     * interruptions_by_stream_day (V14) keeps them per day, stream, domain and app name: it counts by stream
     * when the other criteria are only a domain and an app name.
     */
    private static boolean rollupCanCount(CountInterruptionsQuery count) {
        SessionCriteria criteria = count.criteria();
        boolean ended = criteria.status() == null || criteria.status() == SessionStatus.ENDED;
        if (count.groupBy() == InterruptionGrouping.STREAM_ID) {
            return ended && criteria.stream() == null && criteria.clientIp() == null && criteria.category() == null
                    && criteria.abnormal() == null;
        }
        return criteria.stream() == null && criteria.clientIp() == null && ended;
    }

    private static String rollupOf(CountInterruptionsQuery count) {
        return count.groupBy() == InterruptionGrouping.STREAM_ID ? "interruptions_by_stream_day" : "interruptions_by_day";
    }

    /**
     * Rows (key, sessions) adding up to the count: the whole days from the rollup, whose columns are
     * named as push_session's, and the partial days at the window's edges one session per row.
     */
    private static String countedByDay(SessionCriteria criteria, String key, String rollupTable, UtcDays days,
            Parameters parameters) {
        Conditions rollup = Conditions.onCountedColumns(criteria, parameters);
        if (days.first() != null) {
            rollup.add("day >= " + parameters.add(days.first()));
        }
        if (days.end() != null) {
            rollup.add("day < " + parameters.add(days.end()));
        }
        List<String> parts = new ArrayList<>();
        parts.add("SELECT " + key + ", sessions FROM " + rollupTable + rollup.sql());
        parts.addAll(partialDays(criteria, key, days, parameters));
        return String.join(" UNION ALL ", parts);
    }

    /** The past days of a window, summed per stream in interruptions_by_stream_span (V15): [first, end). */
    private record SummedSpan(int days, LocalDate first, LocalDate end) {}

    /**
     * The span (V15) that starts where these whole days start and ends within them: the console's week and
     * 30 days, whose past days it sums, asked for on the day it was rolled to.
     */
    private Optional<SummedSpan> summedSpanStarting(UtcDays days) {
        if (days.first() == null) {
            return Optional.empty();
        }
        Parameters parameters = new Parameters();
        String sql = "SELECT days, end_day FROM interruptions_span WHERE first_day = " + parameters.add(days.first())
                + (days.end() == null ? "" : " AND end_day <= " + parameters.add(days.end()))
                + " ORDER BY end_day DESC LIMIT 1";
        return parameters.query(reads, sql, rows -> rows.next()
                ? Optional.of(new SummedSpan(rows.getInt(1), days.first(), rows.getObject(2, LocalDate.class)))
                : Optional.empty());
    }

    /**
     * Rows (stream_id, sessions) adding up to the count by stream: the span's one row per stream, the days
     * after it from interruptions_by_stream_day and the partial days from push_session, in one statement, so
     * one snapshot. Should the span have moved since it was looked up (a roll at midnight), its part is empty
     * and the per-day rows of its days are summed instead: PostgreSQL evaluates each guard once, before
     * reading the table it guards, so only one of the two is read.
     */
    private static String countedBySpan(SessionCriteria criteria, SummedSpan span, UtcDays days, Parameters parameters) {
        String unmoved = "EXISTS (SELECT FROM interruptions_span WHERE days = " + parameters.add(span.days())
                + " AND first_day = " + parameters.add(span.first()) + " AND end_day = " + parameters.add(span.end()) + ")";
        Conditions summed = Conditions.onCountedColumns(criteria, parameters);
        summed.add("days = " + parameters.add(span.days()));
        summed.add(unmoved);
        Conditions spanDays = Conditions.onCountedColumns(criteria, parameters);
        spanDays.add("day >= " + parameters.add(span.first()));
        spanDays.add("day < " + parameters.add(span.end()));
        spanDays.add("NOT " + unmoved);
        Conditions after = Conditions.onCountedColumns(criteria, parameters);
        after.add("day >= " + parameters.add(span.end()));
        if (days.end() != null) {
            after.add("day < " + parameters.add(days.end()));
        }
        List<String> parts = new ArrayList<>();
        parts.add("SELECT stream_id, sessions FROM interruptions_by_stream_span" + summed.sql());
        parts.add("SELECT stream_id, sessions FROM interruptions_by_stream_day" + spanDays.sql());
        parts.add("SELECT stream_id, sessions FROM interruptions_by_stream_day" + after.sql());
        parts.addAll(partialDays(criteria, "stream_id", days, parameters));
        return String.join(" UNION ALL ", parts);
    }

    /** The sessions of the edges, one per row, and those of a day counted whole but outside the window, less one each. */
    private static List<String> partialDays(SessionCriteria criteria, String key, UtcDays days, Parameters parameters) {
        List<String> parts = new ArrayList<>();
        for (TimeRange edge : days.edges()) {
            parts.add("SELECT " + key + ", 1 FROM push_session" + endedWithin(criteria, edge, parameters).sql());
        }
        for (TimeRange outside : days.subtracted()) {
            parts.add("SELECT " + key + ", -1 FROM push_session" + endedWithin(criteria, outside, parameters).sql());
        }
        return parts;
    }

    private static Conditions endedWithin(SessionCriteria criteria, TimeRange ended, Parameters parameters) {
        Conditions where = Conditions.matching(criteria, parameters);
        where.add("status = 'ENDED'");
        where.within("ended_at", ended);
        return where;
    }

    /**
     * The parameters of one statement, shared by the WHERE clauses of its parts. Each is numbered, so that
     * one value can appear more than once (a page's LIMIT); JDBC's placeholders are bound in order instead.
     */
    private static final class Parameters {

        private static final Pattern NUMBERED = Pattern.compile("\\?(\\d+)");

        private final List<Object> values = new ArrayList<>();

        /** The placeholder for {@code value}. */
        String add(Object value) {
            values.add(value);
            return "?" + values.size();
        }

        /** {@code sql} run on the read pool, its numbered placeholders bound as JDBC's positional ones. */
        <T> T query(ReadPool reads, String sql, ReadPool.Rows<T> reader) {
            Matcher placeholder = NUMBERED.matcher(sql);
            List<Object> inOrder = new ArrayList<>();
            StringBuilder positional = new StringBuilder();
            while (placeholder.find()) {
                inOrder.add(values.get(Integer.parseInt(placeholder.group(1)) - 1));
                placeholder.appendReplacement(positional, "?");
            }
            placeholder.appendTail(positional);
            return reads.query(positional.toString(), inOrder, reader);
        }
    }

    /** A WHERE clause under construction. */
    private static final class Conditions {

        private final List<String> clauses = new ArrayList<>();
        private final Parameters parameters;

        private Conditions(Parameters parameters) {
            this.parameters = parameters;
        }

        static Conditions matching(SessionCriteria criteria, Parameters parameters) {
            Conditions where = besidesTheStream(criteria, parameters);
            StreamMatch stream = criteria.stream();
            if (stream != null && stream.mode() == StreamMatch.Mode.CONTAINS) {
                // Substrings through the trigram index of the known streams (V7), not a scan of the sessions.
                where.add("stream_id IN (SELECT stream_id FROM known_stream"
                        + streamIds(stream, parameters).sql() + ")");
            } else if (stream != null) {
                where.streamId(stream);
            }
            return where;
        }

        /** The stream ids {@code match} selects, as the WHERE clause of whichever table is queried. */
        static Conditions streamIds(StreamMatch match, Parameters parameters) {
            Conditions where = new Conditions(parameters);
            where.streamId(match);
            return where;
        }

        /** Every criterion but the stream's. */
        static Conditions besidesTheStream(SessionCriteria criteria, Parameters parameters) {
            Conditions where = onCountedColumns(criteria, parameters);
            if (criteria.status() != null) {
                where.add("status = '" + criteria.status().name() + "'");
            }
            if (criteria.clientIp() != null) {
                where.add("client_ip = " + parameters.add(criteria.clientIp()));
            }
            return where;
        }

        /** The criteria on the columns push_session and interruptions_by_day share. */
        static Conditions onCountedColumns(SessionCriteria criteria, Parameters parameters) {
            Conditions where = new Conditions(parameters);
            if (criteria.domain() != null) {
                where.add("domain = " + parameters.add(criteria.domain()));
            }
            if (criteria.appName() != null) {
                where.add("app_name = " + parameters.add(criteria.appName()));
            }
            if (criteria.category() != null) {
                where.add("category = '" + criteria.category().name() + "'");
            }
            if (criteria.abnormal() != null) {
                where.add("abnormal = " + criteria.abnormal());
            }
            return where;
        }

        /** The stream ids {@code match} selects, by the {@code stream_id} column of the table queried. */
        void streamId(StreamMatch match) {
            // Backslash is PostgreSQL's default LIKE escape.
            String escaped = match.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            switch (match.mode()) {
                case EXACT -> add("stream_id = " + parameters.add(match.text()));
                case PREFIX -> prefix(match.text());
                case CONTAINS -> add("stream_id LIKE " + parameters.add("%" + escaped + "%"));
            }
        }

        /**
         * The stream ids starting with {@code prefix}, as a range of the stream index, whose operator class
         * compares bytes: from the prefix up to, not including, the prefix with its last character one
         * higher. UTF-8 keeps code point order, so nothing else falls in between.
         */
        void prefix(String prefix) {
            add("stream_id ~>=~ " + parameters.add(prefix));
            int[] codePoints = prefix.codePoints().toArray();
            for (int last = codePoints.length - 1; last >= 0; last--) {
                int next = codePoints[last] + 1;
                if (next == Character.MIN_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                if (next <= Character.MAX_CODE_POINT) {
                    codePoints[last] = next;
                    add("stream_id ~<~ " + parameters.add(new String(codePoints, 0, last + 1)));
                    return;
                }
            }
        }

        void within(String column, TimeRange range) {
            if (range.from() != null) {
                add(column + " >= " + parameters.add(range.from()));
            }
            if (range.to() != null) {
                add(column + " < " + parameters.add(range.to()));
            }
        }

        void add(String clause) {
            clauses.add(clause);
        }

        String sql() {
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }
    }
}
