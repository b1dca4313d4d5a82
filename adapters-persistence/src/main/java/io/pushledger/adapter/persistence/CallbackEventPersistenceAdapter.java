package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.port.out.CallbackEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.hibernate.Session;

/**
 * {@link CallbackEvents} on the {@code callback_event} table. Idempotency is the database's: the
 * insert meets the unique constraint of an earlier delivery and counts one more delivery instead,
 * waiting for a concurrent first delivery to commit rather than failing.
 */
@ApplicationScoped
public class CallbackEventPersistenceAdapter implements CallbackEvents {

    private static final String INSERT = """
            INSERT INTO callback_event (event_type, sequence, body_sha256, stream_id, event_time,
                received_at, last_received_at, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS json))
            """;
    private static final String ON_REPEAT = """
             DO UPDATE SET deliveries = callback_event.deliveries + 1,
                last_received_at = EXCLUDED.last_received_at
            RETURNING deliveries
            """;
    private static final String RECORD_PUSH = INSERT + "ON CONFLICT (sequence, event_type)" + ON_REPEAT;
    private static final String RECORD_OTHER = INSERT + "ON CONFLICT (body_sha256)" + ON_REPEAT;

    private final CallbackEventRepository repository;

    CallbackEventPersistenceAdapter(CallbackEventRepository repository) {
        this.repository = repository;
    }

    @Override
    public Delivery record(CallbackEvent event, String body, Instant receivedAt) {
        return repository.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            String sql = event instanceof PushEvent ? RECORD_PUSH : RECORD_OTHER;
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                bind(insert, event, body, receivedAt);
                try (ResultSet deliveries = insert.executeQuery()) {
                    deliveries.next();
                    return deliveries.getInt(1) == 1 ? Delivery.FIRST : Delivery.REPEATED;
                }
            }
        });
    }

    @Override
    public int deleteReceivedBefore(Instant cutoff, int limit) {
        return repository.getEntityManager().createNativeQuery("""
                        DELETE FROM callback_event WHERE id IN (
                            SELECT id FROM callback_event WHERE received_at < :cutoff
                            ORDER BY received_at LIMIT :limit)
                        """)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    private static void bind(PreparedStatement s, CallbackEvent event, String body, Instant receivedAt)
            throws SQLException {
        Jdbc.setInt(s, 1, event.eventType());
        switch (event) {
            case PushEvent push -> {
                Jdbc.setText(s, 2, push.sequence().value());
                Jdbc.setText(s, 3, null);
                Jdbc.setText(s, 4, push.path().streamId().value());
                Jdbc.setInstant(s, 5, push.details().eventTime());
            }
            case OtherEvent other -> {
                Jdbc.setText(s, 2, null);
                Jdbc.setText(s, 3, other.fingerprint().sha256Hex());
                Jdbc.setText(s, 4, other.streamId());
                Jdbc.setInstant(s, 5, other.eventTime());
            }
        }
        Jdbc.setInstant(s, 6, receivedAt);
        Jdbc.setInstant(s, 7, receivedAt);
        Jdbc.setText(s, 8, body);
    }
}
