package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.Interruption;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.out.PushSessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/** {@link PushSessions} on the {@code push_session} table. Callers provide the transaction. */
@ApplicationScoped
public class PushSessionPersistenceAdapter implements PushSessions {

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

    // The callback path reads by hand too: building Hibernate queries on every callback cost more CPU
    // than the database spent answering them (docs/performance.md).
    private static final String LOCK_PATH = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
    private static final String FIND = "SELECT " + PushSessionMapper.COLUMNS + " FROM push_session WHERE sequence = ?";
    private static final String ON_PATH = " FROM push_session WHERE stream_id = ? AND domain IS NOT DISTINCT FROM ?"
            + " AND app_name IS NOT DISTINCT FROM ? AND sequence <> ?";
    private static final String LIVE_ON_PATH = "SELECT " + PushSessionMapper.COLUMNS + ON_PATH + " AND status = 'LIVE'";
    private static final String STARTED_AFTER_ON_PATH = "SELECT 1" + ON_PATH + " AND started_at > ? LIMIT 1";

    private final PushSessionRepository repository;

    PushSessionPersistenceAdapter(PushSessionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void lockPath(StreamPath path) {
        jdbc(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_PATH)) {
                Jdbc.setText(lock, 1, path.key());
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
                return sessions(select).stream().findFirst();
            }
        });
    }

    @Override
    public List<PushSession> liveOn(StreamPath path, Sequence except) {
        return jdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement(LIVE_ON_PATH)) {
                bindPath(select, path, except);
                return sessions(select);
            }
        });
    }

    @Override
    public boolean anyStartedAfter(StreamPath path, Instant instant, Sequence except) {
        return jdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement(STARTED_AFTER_ON_PATH)) {
                bindPath(select, path, except);
                Jdbc.setInstant(select, 5, instant);
                try (ResultSet found = select.executeQuery()) {
                    return found.next();
                }
            }
        });
    }

    @Override
    public void save(PushSession session) {
        jdbc(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                bind(upsert, session);
                return upsert.executeUpdate();
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

    /** Binds the path (domain and push path may be unknown: null matches only null) and the excepted sequence. */
    private static void bindPath(PreparedStatement select, StreamPath path, Sequence except) throws SQLException {
        Jdbc.setText(select, 1, path.streamId().value());
        Jdbc.setText(select, 2, path.domain());
        Jdbc.setText(select, 3, path.appName());
        Jdbc.setText(select, 4, except.value());
    }

    private static List<PushSession> sessions(PreparedStatement select) throws SQLException {
        List<PushSession> sessions = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                sessions.add(PushSessionMapper.fromRow(rows));
            }
        }
        return sessions;
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return repository.getEntityManager().unwrap(Session.class).doReturningWork(work);
    }
}
