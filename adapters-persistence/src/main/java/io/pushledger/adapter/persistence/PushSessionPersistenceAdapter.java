package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.Interruption;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.out.PushSessions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

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

    private final PushSessionRepository repository;

    PushSessionPersistenceAdapter(PushSessionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void lockPath(StreamPath path) {
        repository.getEntityManager()
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:path, 0))")
                .setParameter("path", path.key())
                .getSingleResult();
    }

    @Override
    public Optional<PushSession> find(Sequence sequence) {
        return repository.find("sequence", sequence.value())
                .withHint("org.hibernate.readOnly", true)
                .firstResultOptional()
                .map(PushSessionMapper::toDomain);
    }

    @Override
    public List<PushSession> liveOn(StreamPath path, Sequence except) {
        return repository.find(onPath(path) + " and status = :live and sequence <> :except",
                        pathParameters(path).and("live", SessionStatus.LIVE).and("except", except.value()))
                .withHint("org.hibernate.readOnly", true)
                .stream()
                .map(PushSessionMapper::toDomain)
                .toList();
    }

    @Override
    public boolean anyStartedAfter(StreamPath path, Instant instant, Sequence except) {
        return repository.find(onPath(path) + " and startedAt > :instant and sequence <> :except",
                        pathParameters(path).and("instant", instant).and("except", except.value()))
                .firstResultOptional()
                .isPresent();
    }

    @Override
    public void save(PushSession session) {
        repository.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                bind(upsert, session);
                upsert.executeUpdate();
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

    private static void bind(PreparedStatement s, PushSession session) throws java.sql.SQLException {
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

    /** Sessions on one path; domain and push path may be unknown (null), which only matches unknown. */
    private static String onPath(StreamPath path) {
        return "streamId = :streamId"
                + (path.domain() == null ? " and domain is null" : " and domain = :domain")
                + (path.appName() == null ? " and appName is null" : " and appName = :appName");
    }

    private static Parameters pathParameters(StreamPath path) {
        Parameters parameters = Parameters.with("streamId", path.streamId().value());
        if (path.domain() != null) {
            parameters = parameters.and("domain", path.domain());
        }
        if (path.appName() != null) {
            parameters = parameters.and("appName", path.appName());
        }
        return parameters;
    }
}
