package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.SessionChange;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.port.out.SessionChanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.jdbc.ReturningWork;

/**
 * {@link SessionChanges} on {@code session_change} (V12, V13), read with plain JDBC from the pool: the change
 * stream reads from its own thread, outside any request or transaction, and only what V13's session_change_settled() says
 * is settled.
 */
@ApplicationScoped
public class SessionChangePersistenceAdapter implements SessionChanges {

    private static final String AFTER = "SELECT c.position, c.status AS change_status, "
            + PushSessionMapper.columnsOf("s") + " FROM session_change c JOIN push_session s USING (sequence)"
            + " WHERE c.position > ? AND c.position < session_change_settled() ORDER BY c.position LIMIT ?";

    private final DataSource dataSource;

    SessionChangePersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<SessionChange> after(long position, int max) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(AFTER)) {
                select.setLong(1, position);
                select.setInt(2, max);
                List<SessionChange> changes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        changes.add(new SessionChange(rows.getLong("position"),
                                SessionStatus.valueOf(rows.getString("change_status")), PushSessionMapper.fromRow(rows)));
                    }
                }
                return changes;
            }
        });
    }

    @Override
    public long latest() {
        return single("SELECT session_change_settled() - 1");
    }

    @Override
    public long forgottenUpTo() {
        return single("SELECT up_to FROM session_change_forgotten");
    }

    /** Deletes and remembers the highest position deleted, in one statement (replicas may run it at once). */
    @Override
    public int deleteBefore(Instant cutoff) {
        return query(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    WITH gone AS (DELETE FROM session_change WHERE changed_at < ? RETURNING position),
                    noted AS (UPDATE session_change_forgotten SET up_to = greatest(up_to, (SELECT max(position) FROM gone))
                        WHERE EXISTS (SELECT FROM gone))
                    SELECT count(*) FROM gone""");
                    ResultSet count = execute(delete, cutoff)) {
                count.next();
                return count.getInt(1);
            }
        });
    }

    private static ResultSet execute(PreparedStatement statement, Instant cutoff) throws SQLException {
        Jdbc.setInstant(statement, 1, cutoff);
        return statement.executeQuery();
    }

    private long single(String sql) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private <T> T query(ReturningWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.execute(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the session changes failed", e);
        }
    }
}
