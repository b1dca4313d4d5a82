package io.pushledger.adapter.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connections the callback path writes on: the datasource {@value #NAME}, a pool of its own whose connections
 * carry the callback path's timeouts and plan settings from the moment they are opened (the app sets them, ADR 20).
 * Within the caller's transaction the pool lends the one connection enlisted in it, however often it is asked.
 */
@Singleton
public class CallbackPool {

    public static final String NAME = "callbacks";

    private final AgroalDataSource dataSource;

    CallbackPool(@DataSource(NAME) AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@code work} makes of the connection of the caller's transaction. */
    <T> T work(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.execute(connection);
        } catch (SQLException e) {
            throw new StatementFailedException(e);
        }
    }

    /** JDBC work on the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        T execute(Connection connection) throws SQLException;
    }

    /** A statement of the callback path failed; the transaction tells the kind of failure from the SQLState. */
    static final class StatementFailedException extends RuntimeException {

        StatementFailedException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
