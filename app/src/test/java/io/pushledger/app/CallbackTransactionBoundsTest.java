package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.pushledger.domain.port.out.Transactions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The callback path's socket timeout bounds its own transactions only: the connection such a transaction held goes back
 * to the pool without it, so that a long statement elsewhere (a migration, a retention batch, a test's set-up) is not
 * cut off after a few seconds.
 */
@QuarkusTest
class CallbackTransactionBoundsTest {

    @Inject
    Transactions transactions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theConnectionOfACallbackTransactionIsLentAgainWithoutItsSocketTimeout() throws SQLException {
        record Held(PGConnection physical, int networkTimeout) {
        }
        Held held = transactions.inOne(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return new Held(connection.unwrap(PGConnection.class), connection.getNetworkTimeout());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held.networkTimeout()).as("inside the transaction").isEqualTo(6_000);

        List<Connection> borrowed = new ArrayList<>();
        try {
            Connection same = null;
            for (int i = 0; i < 20 && same == null; i++) {
                Connection connection = dataSource.getConnection();
                borrowed.add(connection);
                if (connection.unwrap(PGConnection.class) == held.physical()) {
                    same = connection;
                }
            }
            assertThat(same).as("the pool lends the transaction's connection again").isNotNull();
            assertThat(same.getNetworkTimeout()).isZero();
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }
}
