package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.PushSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The write side of the change stream (ADR 14): the sessions a transaction saved become changes, with
 * positions in commit order, and one NOTIFY tells every replica's listener, at commit, that there are new
 * ones. One statement per group, the last of its transaction.
 */
final class SessionChangeLog {

    /** The channel {@link SessionChangeListener} listens on; the payload is the last position taken. */
    static final String CHANNEL = "pushledger_session_changes";

    /*
     * The position row stays locked until the commit, so positions are taken in commit order (V12). NOTIFY
     * already serialises the commits of the transactions that send one (PostgreSQL takes a database-wide lock
     * for it at commit), so holding the row from this last statement to the commit costs little more.
     */
    private static final String APPEND = """
            WITH taken AS (
                UPDATE session_change_position SET last_position = last_position + ? RETURNING last_position),
            appended AS (
                INSERT INTO session_change (position, sequence, status)
                SELECT taken.last_position - ? + change.n, change.sequence, change.status
                FROM taken, unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS change (sequence, status, n))
            SELECT pg_notify('%s', last_position::text) FROM taken
            """.formatted(CHANNEL);

    private SessionChangeLog() {
    }

    static void append(Connection connection, List<PushSession> sessions) throws SQLException {
        try (PreparedStatement append = connection.prepareStatement(APPEND)) {
            append.setInt(1, sessions.size());
            append.setInt(2, sessions.size());
            append.setArray(3, connection.createArrayOf("text",
                    sessions.stream().map(session -> session.sequence().value()).toArray()));
            append.setArray(4, connection.createArrayOf("text",
                    sessions.stream().map(session -> session.status().name()).toArray()));
            append.executeQuery().close();
        }
    }
}
