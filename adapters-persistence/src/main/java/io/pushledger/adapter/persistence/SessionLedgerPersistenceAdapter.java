package io.pushledger.adapter.persistence;

import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;
import static java.util.stream.Collectors.toList;

import io.pushledger.domain.model.Interruption;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.SessionStatus;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.postgresql.PGStatement;

/** {@link SessionLedger} on the {@code push_session} table. Callers provide the transaction. */
@ApplicationScoped
public class SessionLedgerPersistenceAdapter implements SessionLedger {

    private static final String UPSERT = """
            INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred,
                ended_at, duration_ms, errcode, errmsg, category, abnormal, app_id, channel_id, client_ip, node,
                stream_param, set_id, region, idc_id, width, height, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sequence) DO UPDATE SET domain = EXCLUDED.domain, app_name = EXCLUDED.app_name,
                stream_id = EXCLUDED.stream_id, status = EXCLUDED.status, started_at = EXCLUDED.started_at,
                start_inferred = EXCLUDED.start_inferred, ended_at = EXCLUDED.ended_at,
                duration_ms = EXCLUDED.duration_ms, errcode = EXCLUDED.errcode, errmsg = EXCLUDED.errmsg,
                category = EXCLUDED.category, abnormal = EXCLUDED.abnormal, app_id = EXCLUDED.app_id,
                channel_id = EXCLUDED.channel_id, client_ip = EXCLUDED.client_ip, node = EXCLUDED.node,
                stream_param = EXCLUDED.stream_param, set_id = EXCLUDED.set_id, region = EXCLUDED.region,
                idc_id = EXCLUDED.idc_id, width = EXCLUDED.width, height = EXCLUDED.height,
                updated_at = EXCLUDED.updated_at
            """;

    /**
     * The order sessions are written in: ended ones by the interruptions_by_day group (V5) their trigger
     * counts them in, so that concurrent transactions (writers, replicas) take those rows' locks in one
     * order and never deadlock on them. Sequences within a batch are distinct, so the order is free.
     */
    private static final Comparator<PushSession> BY_ROLLUP_GROUP = Comparator
            .comparing((PushSession session) -> session.endedAt() == null ? null
                    : LocalDate.ofInstant(session.endedAt(), ZoneOffset.UTC), nullsFirst(naturalOrder()))
            .thenComparing(session -> session.path().domain(), nullsFirst(naturalOrder()))
            .thenComparing(session -> session.path().appName(), nullsFirst(naturalOrder()))
            .thenComparing(PushSession::region)
            .thenComparing(session -> session.interruption() == null ? null : session.interruption().category(),
                    nullsFirst(naturalOrder()))
            .thenComparing(session -> session.interruption() == null ? null : session.interruption().errcode(),
                    nullsFirst(naturalOrder()))
            .thenComparing(session -> session.interruption() == null ? null : session.interruption().abnormal(),
                    nullsFirst(naturalOrder()));

    // The callback path reads by hand too: building Hibernate queries on every callback cost more CPU
    // than the database spent answering them (docs/performance.md).
    // Locks in the order of the keys, whatever order the caller gives (the sorted subquery feeds the locks).
    private static final String LOCK_PATHS = "SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT"
            + " hashtextextended(path, 0) AS key FROM unnest(CAST(? AS text[])) AS path ORDER BY key) AS ordered";
    private static final String FIND = "SELECT " + PushSessionMapper.COLUMNS + " FROM push_session WHERE sequence = ?";
    /**
     * One round trip for everything a group's succession needs; the role column says what a row answers,
     * path_index which path (1-based, in the order of the arrays). Parameters: the sequences, then the
     * paths as four arrays (stream ids, domains, push paths — null matches only null — and the instant
     * the latest start must follow), twice. That instant bounds the stream index's range read for the
     * latest start to the newest part of the stream, whatever its length.
     */
    private static final String PATHS = "unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
            + " CAST(? AS timestamptz[])) WITH ORDINALITY AS p (stream_id, domain, app_name, since, path_index)";
    private static final String ON_PATH = "s.stream_id = p.stream_id AND s.domain IS NOT DISTINCT FROM p.domain"
            + " AND s.app_name IS NOT DISTINCT FROM p.app_name AND s.sequence <> ALL (CAST(? AS text[]))";
    private static final String SURROUNDINGS = "SELECT 'own' AS role, 0 AS path_index, " + PushSessionMapper.COLUMNS
            + " FROM push_session WHERE sequence = ANY (CAST(? AS text[]))"
            + " UNION ALL SELECT 'live', p.path_index, " + PushSessionMapper.columnsOf("s") + " FROM " + PATHS
            + " JOIN push_session s ON " + ON_PATH + " AND s.status = 'LIVE'"
            + " UNION ALL SELECT 'latest', p.path_index, " + PushSessionMapper.columnsOf("s") + " FROM " + PATHS
            + " CROSS JOIN LATERAL (SELECT * FROM push_session s WHERE " + ON_PATH
            + " AND s.started_at > p.since ORDER BY s.started_at DESC LIMIT 1) s";

    private final PushSessionRepository repository;

    SessionLedgerPersistenceAdapter(PushSessionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void lockPaths(Collection<StreamPath> paths) {
        if (paths.isEmpty()) {
            return;
        }
        jdbc(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_PATHS)) {
                lock.setArray(1, connection.createArrayOf("text", paths.stream().map(StreamPath::key).toArray()));
                lock.executeQuery().close();
            }
            return null;
        });
    }

    @Override
    public Optional<PushSession> find(Sequence sequence) {
        return jdbc(connection -> {
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
        return jdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SURROUNDINGS)) {
                // Planned at each execution, never from a cached plan: a plan made while push_session was small
                // (a new installation, or no ANALYZE since) scans the table whole on every group ever after.
                select.unwrap(PGStatement.class).setPrepareThreshold(0);
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
        jdbc(connection -> {
            // A batch goes to the database in one round trip (pgjdbc pipelines it).
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (PushSession session : sessions.stream().sorted(BY_ROLLUP_GROUP).toList()) {
                    bind(upsert, session);
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            }
        });
    }

    @Override
    public long countOpen() {
        return repository.count("status <> ?1", SessionStatus.ENDED);
    }

    @Override
    public int deleteStartedBefore(Instant cutoff, int limit) {
        return repository.getEntityManager().createNativeQuery("""
                        DELETE FROM push_session WHERE sequence IN (
                            SELECT sequence FROM push_session WHERE started_at < :cutoff
                            ORDER BY started_at LIMIT :limit)
                        """)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    private static void bind(PreparedStatement s, PushSession session) throws SQLException {
        StreamPath path = session.path();
        Interruption interruption = session.interruption();
        Jdbc.setText(s, 1, session.sequence().value());
        Jdbc.setText(s, 2, path.domain());
        Jdbc.setText(s, 3, path.appName());
        Jdbc.setText(s, 4, path.streamId().value());
        Jdbc.setText(s, 5, session.status().name());
        Jdbc.setInstant(s, 6, session.startedAt());
        Jdbc.setBoolean(s, 7, session.startInferred());
        Jdbc.setInstant(s, 8, session.endedAt());
        Jdbc.setLong(s, 9, session.durationMs());
        Jdbc.setInt(s, 10, interruption == null ? null : interruption.errcode());
        Jdbc.setText(s, 11, interruption == null ? null : interruption.errmsg());
        Jdbc.setText(s, 12, interruption == null ? null : interruption.category().name());
        Jdbc.setBoolean(s, 13, interruption == null ? null : interruption.abnormal());
        Jdbc.setLong(s, 14, session.appId());
        Jdbc.setText(s, 15, session.channelId());
        Jdbc.setText(s, 16, session.clientIp());
        Jdbc.setText(s, 17, session.node());
        Jdbc.setText(s, 18, session.streamParam());
        Jdbc.setInt(s, 19, session.setId());
        Jdbc.setText(s, 20, session.region().name());
        Jdbc.setInt(s, 21, session.idcId());
        Jdbc.setInt(s, 22, session.width());
        Jdbc.setInt(s, 23, session.height());
        Jdbc.setInstant(s, 24, Instant.now());
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

    private <T> T jdbc(ReturningWork<T> work) {
        return repository.getEntityManager().unwrap(Session.class).doReturningWork(work);
    }
}
