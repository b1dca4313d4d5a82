package io.pushledger.adapter.persistence;

import io.agroal.api.AgroalDataSource;
import io.pushledger.domain.port.in.HistoryUnavailableException;
import io.pushledger.domain.port.in.HistoryUnavailableException.Reason;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The connections the history API reads on: the datasource {@value #NAME}, a pool of its own so that
 * dashboards can never take the connections the callbacks are stored on, whose sessions PostgreSQL ends
 * a statement of after {@code pushledger.api.read-timeout} (ADR 12). Each read takes a connection for
 * one statement, outside any transaction.
 */
@ApplicationScoped
class ReadPool {

    static final String NAME = "reads";
    /** PostgreSQL's query_canceled: what statement_timeout ends a statement with. */
    private static final String QUERY_CANCELED = "57014";
    /** The class of SQL states of a connection lost or refused. */
    private static final String CONNECTION_EXCEPTION = "08";

    private final AgroalDataSource dataSource;

    ReadPool(@DataSource(NAME) AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@code reader} makes of the rows of {@code sql} with these parameters, bound in order. */
    <T> T query(String sql, List<?> parameters, Rows<T> reader) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            // Agroal gives up waiting for a free connection with a plain SQLException, a failed connect with a cause.
            throw new HistoryUnavailableException(e.getCause() == null ? Reason.BUSY : Reason.UNREACHABLE, e);
        }
        try (connection; PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw new HistoryUnavailableException(Reason.TIMED_OUT, e);
            }
            if (e instanceof SQLTransientConnectionException
                    || e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                throw new HistoryUnavailableException(Reason.UNREACHABLE, e);
            }
            // Anything else is a fault of the statement, not of the moment: a 500, logged.
            throw new IllegalStateException("history read failed: " + sql, e);
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case Instant instant -> Jdbc.setInstant(statement, index, instant);
            case Integer integer -> Jdbc.setInt(statement, index, integer);
            case Long number -> Jdbc.setLong(statement, index, number);
            case String text -> Jdbc.setText(statement, index, text);
            case LocalDate day -> statement.setObject(index, day);
            default -> throw new IllegalArgumentException("no binding for " + value.getClass());
        }
    }

    /** Reads a result set whole. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
