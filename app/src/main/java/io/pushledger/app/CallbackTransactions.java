package io.pushledger.app;

import io.pushledger.domain.port.out.ContentRefusedException;
import io.pushledger.domain.port.out.StoreUnavailableException;
import io.pushledger.domain.port.out.Transactions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.postgresql.util.PSQLException;

/**
 * The callback path's transactions, their failures told apart (ADR 9). Their statements run on the callback pool,
 * whose connections carry the path's socket and statement timeouts and plan settings ({@link CallbackConnectionSettings}).
 */
@Singleton
class CallbackTransactions implements Transactions {

    @Override
    public <T> T inOne(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (RuntimeException e) {
            throw StoreFailures.classify(e);
        }
    }

    /** What a failed transaction means for the callbacks in it, from PostgreSQL's SQLState. */
    static final class StoreFailures {

        private static final String UNIQUE_VIOLATION = "23505";

        private StoreFailures() {
        }

        /**
         * Classes 22 (data exception) and 23 (integrity constraint) refuse content, except a unique violation:
         * the design expects those from concurrent writers and a retry finds the row. Connection failures (08),
         * cancelled or timed-out statements and a server going down (57), lack of resources (53), rollbacks
         * (40) and a connection the pool could not lend (no SQLState) mean the database is unavailable.
         * Anything else is returned as it is.
         */
        static RuntimeException classify(RuntimeException failure) {
            List<SQLException> chain = sqlExceptions(failure);
            SQLException sql = chain.stream().filter(e -> e instanceof PSQLException p && p.getServerErrorMessage() != null)
                    .findFirst()
                    .or(() -> chain.stream().filter(e -> e.getSQLState() != null && e.getSQLState().length() == 5).findFirst())
                    .orElse(null);
            if (sql == null) {
                return chain.isEmpty() ? failure : new StoreUnavailableException(describe(failure), failure);
            }
            String state = sql.getSQLState();
            String stateClass = state.substring(0, 2);
            if (state.equals(UNIQUE_VIOLATION)) {
                return new StoreUnavailableException(describe(sql), failure);
            }
            return switch (stateClass) {
                case "22", "23" -> new ContentRefusedException("The database refused the callback: "
                        + serverMessage(sql) + " (SQLState " + state + ")", failure);
                case "08", "40", "53", "57" -> new StoreUnavailableException(describe(sql), failure);
                default -> failure;
            };
        }

        /** Every SQLException in the chain of causes, each followed by those a batch chained to it. */
        private static List<SQLException> sqlExceptions(Throwable failure) {
            List<SQLException> found = new ArrayList<>();
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SQLException sql) {
                    for (SQLException e = sql; e != null && !found.contains(e); e = e.getNextException()) {
                        found.add(e);
                    }
                }
            }
            return found;
        }

        /**
         * PostgreSQL's own message without its detail: a batch's message quotes the whole statement and its
         * values, which is not for the sender.
         */
        private static String serverMessage(SQLException sql) {
            if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getMessage() != null) {
                return psql.getServerErrorMessage().getMessage();
            }
            return "the value or a constraint";
        }

        private static String describe(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }
}
