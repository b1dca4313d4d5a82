package io.pushledger.app;

import io.agroal.api.AgroalPoolInterceptor;
import io.pushledger.adapter.persistence.CallbackPool;
import io.quarkus.agroal.DataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bounds and plan settings of the callback path, set once on each connection the pool {@value CallbackPool#NAME} opens, so
 * that its transactions need no statement of their own for them (ADR 20). The connection's reads give up after the
 * socket timeout (a database that has stopped answering); PostgreSQL cancels its statements after the statement
 * timeout (a database that is only slow, ADR 9). Every statement is planned once per connection and never as a
 * sequential scan: each one on this path is a keyed lookup or write, and the group's surroundings read cost three
 * times as much to plan as to run (ADR 17); without sequential scans a plan cached while a table was small or never
 * analysed still reads it by its index. Nothing on this path is worth compiling (JIT).
 */
@Singleton
@DataSource(CallbackPool.NAME)
class CallbackConnectionSettings implements AgroalPoolInterceptor {

    private final int socketTimeoutMillis;
    private final String settings;

    CallbackConnectionSettings(PushLedgerConfig config) {
        PushLedgerConfig.GroupCommit groupCommit = config.callback().groupCommit();
        this.socketTimeoutMillis = Math.toIntExact(groupCommit.socketTimeout().toMillis());
        this.settings = "SET statement_timeout = " + groupCommit.statementTimeout().toMillis()
                + "; SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off"
                // A sequential scan that is the only way (a one-row table) costs more than jit_above_cost:
                // compiling one took 130 ms per group (ADR 17).
                + "; SET jit = off";
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            connection.setNetworkTimeout(Runnable::run, socketTimeoutMillis);
            statement.execute(settings);
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply the callback path's settings to a new connection", e);
        }
    }
}
