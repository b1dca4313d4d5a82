package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.PushSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The write side of the change stream (ADR 18): the sessions a transaction saved become changes, positioned
 * by the transaction's id, so that no lock is held to the commit and the writers commit side by side. Written by
 * the statement that saves the sessions, as a data-modifying {@code WITH} around it (no round trip of its own,
 * ADR 20). V13 holds the rule, as two functions.
 */
final class SessionChangeLog {

    /** Positions a transaction may take: V13's session_change_base() leaves this many for each. */
    private static final int PER_TRANSACTION = 65_536;

    private SessionChangeLog() {
    }

    /**
     * {@code saving} (a statement writing the sessions), and the changes it makes appended in the same statement,
     * after the positions this transaction took already (none unless it saved twice). The change parameters
     * follow those of {@code saving}: {@link #bind}.
     */
    static String appendingTo(String saving) {
        return """
                WITH saved AS (%s),
                taken AS (
                    SELECT coalesce(max(c.position), base.first) AS last
                    FROM (SELECT session_change_base() AS first) AS base
                    LEFT JOIN session_change c ON c.position > base.first AND c.position < base.first + %d
                    GROUP BY base.first)
                INSERT INTO session_change (position, sequence, status)
                SELECT taken.last + change.n, change.sequence, change.status
                FROM taken, unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS change (sequence, status, n)
                """.formatted(saving, PER_TRANSACTION);
    }

    /** Binds the changes of {@code sessions}, in their order, from parameter {@code first} on. */
    static void bind(PreparedStatement statement, int first, Connection connection, List<PushSession> sessions)
            throws SQLException {
        // A group holds at most a few hundred sessions; this many would reach the next transaction's positions.
        if (sessions.size() >= PER_TRANSACTION) {
            throw new IllegalArgumentException(sessions.size() + " changes in one transaction");
        }
        statement.setArray(first, connection.createArrayOf("text",
                sessions.stream().map(session -> session.sequence().value()).toArray()));
        statement.setArray(first + 1, connection.createArrayOf("text",
                sessions.stream().map(session -> session.status().name()).toArray()));
    }
}
