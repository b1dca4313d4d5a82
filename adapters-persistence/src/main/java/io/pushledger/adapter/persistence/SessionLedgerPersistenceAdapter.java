package io.pushledger.adapter.persistence;

import static java.util.stream.Collectors.toList;

import io.pushledger.domain.model.Interruption;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.out.SessionLedger.OtherPushes;
import io.pushledger.domain.port.out.SessionLedger.Surroundings;
import io.pushledger.domain.port.out.SessionLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link SessionLedger} on the {@code push_session} table, on the {@link CallbackPool} like the whole write side (so
 * that a transaction never spans two pools). Callers provide the transaction.
 */
@ApplicationScoped
public class SessionLedgerPersistenceAdapter implements SessionLedger {

    /** Every column of a session row, as the callback path writes it (the conflict key first). */
    private static UnnestedColumns<PushSession> columns(Clock clock) {
        return new UnnestedColumns<PushSession>()
            .add("sequence", "text", session -> session.sequence().value())
            .add("domain", "text", session -> session.path().domain())
            .add("app_name", "text", session -> session.path().appName())
            .add("stream_id", "text", session -> session.path().streamId().value())
            .add("status", "text", session -> session.status().name())
            .add("started_at", "timestamptz", PushSession::startedAt)
            .add("start_inferred", "bool", PushSession::startInferred)
            .add("ended_at", "timestamptz", PushSession::endedAt)
            .add("duration_ms", "int8", PushSession::durationMs)
            .add("errcode", "int4", session -> interruption(session, Interruption::errcode))
            .add("errmsg", "text", session -> interruption(session, Interruption::errmsg))
            .add("category", "text", session -> interruption(session, i -> i.category().name()))
            .add("abnormal", "bool", session -> interruption(session, Interruption::abnormal))
            .add("app_id", "int8", PushSession::appId)
            .add("channel_id", "text", PushSession::channelId)
            .add("client_ip", "text", PushSession::clientIp)
            .add("node", "text", PushSession::node)
            .add("stream_param", "text", PushSession::streamParam)
            .add("set_id", "int4", PushSession::setId)
            .add("region", "text", session -> session.region().name())
            .add("idc_id", "int4", PushSession::idcId)
            .add("width", "int4", PushSession::width)
            .add("height", "int4", PushSession::height)
            .add("updated_at", "timestamptz", session -> clock.instant());
    }

    /**
     * A group's sessions in one statement. Its statement triggers (V8) then keep interruptions_by_day and
     * known_stream in step once for the whole group, locking the rollup's rows in its key order, so that
     * concurrent groups (writers, replicas) cannot deadlock on them.
     */
    private static String upsert(UnnestedColumns<PushSession> row) {
        return "INSERT INTO push_session (" + row.names() + ") SELECT * FROM "
                + row.unnestAs("incoming") + " ON CONFLICT (sequence) DO UPDATE SET " + row.setFromExcluded();
    }

    // The callback path reads by hand too: building Hibernate queries on every callback cost more CPU
    // than the database spent answering them (docs/performance.md).
    // Locks in the order of the keys, whatever order the caller gives (the sorted subquery feeds the locks).
    private static final String LOCK_PATHS = "SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT"
            + " hashtextextended(path, 0) AS key FROM unnest(CAST(? AS text[])) AS path ORDER BY key) AS ordered";
    private static final String COUNT_OPEN = "SELECT count(*) FROM push_session WHERE status <> 'ENDED'";
    private static final String FIND = "SELECT " + PushSessionMapper.COLUMNS + " FROM push_session WHERE sequence = ?";
    /**
     * One round trip for everything a group's succession needs; the role column says what a row answers,
     * path_index which path (1-based, in the order of the arrays). Parameters: the sequences, then the
     * paths as four arrays (stream ids, domains, push paths — null matches only null — and the instant
     * the latest start must follow), twice. That instant bounds the stream index's range read for the
     * latest start to the newest part of the stream, whatever its length. The callback path's transaction
     * plans it once per connection, without sequential scans (ADR 17). Each path's live sessions are a lateral
     * lookup that is never pulled up into a join (OFFSET 0): as a join, a plan cached while few sessions were
     * live hashed the paths against every live session, read whole on every group for the connection's life.
     */
    private static final String PATHS = "unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
            + " CAST(? AS timestamptz[])) WITH ORDINALITY AS p (stream_id, domain, app_name, since, path_index)";
    private static final String ON_PATH = "s.stream_id = p.stream_id AND s.domain IS NOT DISTINCT FROM p.domain"
            + " AND s.app_name IS NOT DISTINCT FROM p.app_name AND s.sequence <> ALL (CAST(? AS text[]))";
    private static final String SURROUNDINGS = "SELECT 'own' AS role, 0 AS path_index, " + PushSessionMapper.COLUMNS
            + " FROM push_session WHERE sequence = ANY (CAST(? AS text[]))"
            + " UNION ALL SELECT 'live', p.path_index, " + PushSessionMapper.columnsOf("s") + " FROM " + PATHS
            + " CROSS JOIN LATERAL (SELECT * FROM push_session s WHERE " + ON_PATH + " AND s.status = 'LIVE' OFFSET 0) s"
            + " UNION ALL SELECT 'latest', p.path_index, " + PushSessionMapper.columnsOf("s") + " FROM " + PATHS
            + " CROSS JOIN LATERAL (SELECT * FROM push_session s WHERE " + ON_PATH
            + " AND s.started_at > p.since ORDER BY s.started_at DESC LIMIT 1) s";

    private static final Comparator<PushSession> BY_SEQUENCE = Comparator.comparing(session -> session.sequence().value());

    /**
     * The sessions over before the cutoff (parameters 1, 3, 4), at most a batch (2, 5, 6) of them, over first:
     * ENDED ones by their end (the end-time index), STALE ones by the next start on their path (the stream
     * index; only those that started before the cutoff qualify, few once retention has run). LIVE ones never.
     * The rollup's delete trigger uncounts them in the same statement.
     */
    private static final String DELETE_OVER = """
            WITH over AS (
                SELECT sequence, over_at FROM (
                    (SELECT sequence, ended_at AS over_at FROM push_session
                        WHERE status = 'ENDED' AND ended_at < ? ORDER BY ended_at LIMIT ?)
                    UNION ALL
                    (SELECT s.sequence, next.started_at FROM push_session s
                        CROSS JOIN LATERAL (SELECT n.started_at FROM push_session n
                            WHERE n.stream_id = s.stream_id AND n.domain IS NOT DISTINCT FROM s.domain
                                AND n.app_name IS NOT DISTINCT FROM s.app_name AND n.started_at > s.started_at
                            ORDER BY n.started_at LIMIT 1) next
                        WHERE s.status = 'STALE' AND s.started_at < ? AND next.started_at < ?
                        ORDER BY next.started_at LIMIT ?)) AS candidates
                ORDER BY over_at, sequence LIMIT ?),
            deleted AS (
                DELETE FROM push_session p USING over WHERE p.sequence = over.sequence RETURNING p.sequence)
            SELECT sequence FROM deleted JOIN over USING (sequence) ORDER BY over_at, sequence
            """;

    private final CallbackPool callbackPool;
    private final UnnestedColumns<PushSession> row;
    /** The upsert of a group's sessions, and the changes it makes (SessionChangeLog). */
    private final String saving;

    SessionLedgerPersistenceAdapter(CallbackPool callbackPool, Clock clock) {
        this.callbackPool = callbackPool;
        this.row = columns(clock);
        this.saving = SessionChangeLog.appendingTo(upsert(row));
    }

    @Override
    public void lockPaths(Collection<StreamPath> paths) {
        if (paths.isEmpty()) {
            return;
        }
        callbackPool.work(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_PATHS)) {
                lock.setArray(1, connection.createArrayOf("text", paths.stream().map(StreamPath::key).toArray()));
                lock.executeQuery().close();
            }
            return null;
        });
    }

    @Override
    public Optional<PushSession> find(Sequence sequence) {
        return callbackPool.work(connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                Jdbc.setText(select, 1, sequence.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(PushSessionMapper.fromRow(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Surroundings surroundings(Collection<Sequence> sequences, Map<StreamPath, Instant> paths) {
        List<StreamPath> asked = List.copyOf(paths.keySet());
        List<Instant> since = asked.stream().map(paths::get).toList();
        return callbackPool.work(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SURROUNDINGS)) {
                Array excepted = connection.createArrayOf("text", sequences.stream().map(Sequence::value).toArray());
                select.setArray(1, excepted);
                bindPaths(select, 2, connection, asked, since, excepted);
                bindPaths(select, 7, connection, asked, since, excepted);
                Map<Sequence, PushSession> stored = new HashMap<>();
                List<List<PushSession>> live = asked.stream().map(path -> new ArrayList<PushSession>()).collect(toList());
                Instant[] latestStart = new Instant[asked.size()];
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int path = rows.getInt("path_index") - 1;
                        switch (rows.getString("role")) {
                            case "own" -> {
                                PushSession session = PushSessionMapper.fromRow(rows);
                                stored.put(session.sequence(), session);
                            }
                            case "live" -> live.get(path).add(PushSessionMapper.fromRow(rows));
                            default -> latestStart[path] = rows.getObject("started_at", OffsetDateTime.class).toInstant();
                        }
                    }
                }
                Map<StreamPath, OtherPushes> others = new HashMap<>();
                for (int i = 0; i < asked.size(); i++) {
                    others.put(asked.get(i), new OtherPushes(live.get(i), latestStart[i]));
                }
                return new Surroundings(stored, others);
            }
        });
    }

    @Override
    public void saveAll(List<PushSession> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        callbackPool.work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(saving)) {
                // In sequence order, so that statements writing the same sessions lock their rows in one order.
                int changes = row.bind(statement, 1, connection, sessions.stream().sorted(BY_SEQUENCE).toList());
                SessionChangeLog.bind(statement, changes, connection, sessions);
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long countOpen() {
        return callbackPool.work(connection -> {
            try (PreparedStatement count = connection.prepareStatement(COUNT_OPEN); ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public List<Sequence> deleteOverBefore(Instant cutoff, int limit) {
        return callbackPool.work(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_OVER)) {
                OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
                delete.setObject(1, before);
                delete.setInt(2, limit);
                delete.setObject(3, before);
                delete.setObject(4, before);
                delete.setInt(5, limit);
                delete.setInt(6, limit);
                List<Sequence> deleted = new ArrayList<>();
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        deleted.add(new Sequence(rows.getString(1)));
                    }
                }
                return deleted;
            }
        });
    }

    private static <T> T interruption(PushSession session, Function<Interruption, T> value) {
        return session.interruption() == null ? null : value.apply(session.interruption());
    }

    /** Binds the paths as four arrays, then the sequences they leave out. */
    private static void bindPaths(PreparedStatement select, int first, Connection connection, List<StreamPath> paths,
            List<Instant> since, Array excepted) throws SQLException {
        select.setArray(first, connection.createArrayOf("text",
                paths.stream().map(path -> path.streamId().value()).toArray()));
        select.setArray(first + 1, connection.createArrayOf("text", paths.stream().map(StreamPath::domain).toArray()));
        select.setArray(first + 2, connection.createArrayOf("text", paths.stream().map(StreamPath::appName).toArray()));
        select.setArray(first + 3, connection.createArrayOf("timestamptz", since.stream()
                .map(instant -> instant == null ? null : instant.atOffset(ZoneOffset.UTC)).toArray()));
        select.setArray(first + 4, excepted);
    }
}
