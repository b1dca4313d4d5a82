package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.pushledger.adapter.persistence.CallbackPool;
import io.pushledger.domain.port.out.Transactions;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The callback path's timeouts bound its own transactions only (ADR 9, ADR 20): every connection of the callback pool
 * carries them from the start, whichever connection a transaction gets; the pool everything else writes on carries
 * neither, so that a long statement there (a migration, a retention batch, a test's set-up) is not cut off after a
 * few seconds.
 */
@QuarkusTest
class CallbackTransactionBoundsTest {

    @Inject
    Transactions transactions;

    @Inject
    @DataSource(CallbackPool.NAME)
    AgroalDataSource callbacks;

    @Inject
    AgroalDataSource others;

    @Test
    void everyCallbackTransactionRunsWithTheSocketAndStatementTimeouts() {
        for (int i = 0; i < 3; i++) {
            assertThat(transactions.inOne(() -> bounds(callbacks))).isEqualTo(new Bounds(6_000, "5s"));
        }
    }

    @Test
    void connectionsLentOutsideTheCallbackPathHaveNeitherTimeout() throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                borrowed.add(others.getConnection());
                assertThat(bounds(borrowed.getLast())).isEqualTo(new Bounds(0, "0"));
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }

    private record Bounds(int networkTimeoutMillis, String statementTimeout) {
    }

    private static Bounds bounds(AgroalDataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return bounds(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Bounds bounds(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
            rows.next();
            return new Bounds(connection.getNetworkTimeout(), rows.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
