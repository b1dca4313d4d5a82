package io.pushledger.app;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Takes the callback transactions' socket timeout off a connection as it goes back to the pool: Agroal marks a
 * connection's network timeout dirty but does not put it back (3.0.1 resets only auto-commit, isolation and
 * read-only), so the next borrower — a migration, a retention batch, the change stream — would inherit a
 * timeout meant for the callback path and lose its connection after a few seconds of a long statement.
 * The default datasource has no socket timeout of its own (application.properties).
 */
@Singleton
class SocketTimeoutReset implements AgroalPoolInterceptor {

    @Override
    public void onConnectionReturn(Connection connection) {
        try {
            if (connection.getNetworkTimeout() != 0) {
                connection.setNetworkTimeout(Runnable::run, 0);
            }
        } catch (SQLException e) {
            // A connection that cannot take this is broken: the pool's validation removes it before it is lent.
        }
    }
}
