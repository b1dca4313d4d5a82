package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit, made visible by holding the writer: a callback on a path this test has locked keeps the
 * writer's transaction waiting, while the callbacks sent meanwhile queue up for the next group.
 */
@QuarkusTest
class GroupCommitTest {

    private static final String GROUP_SIZE = "pushledger_callback_group_size";

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final ExecutorService senders = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void callbacksArrivingTogetherAreStoredInOneTransactionAndAnsweredOnlyAfterItsCommit() throws Exception {
        double groupsBefore = MetricsTest.value(GROUP_SIZE + "_count", Map.of());
        double callbacksBefore = MetricsTest.value(GROUP_SIZE + "_sum", Map.of());
        List<String> sequences = new ArrayList<>();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();

        try (Connection holder = ledger.connect()) {
            String blockedSequence = uniqueSequence();
            CompletableFuture<Integer> blocked = holdTheWriter(holder, blockedSequence);
            for (int i = 0; i < 10; i++) {
                String sequence = uniqueSequence();
                sequences.add(sequence);
                answers.add(send(aPushStart(sequence, uniqueStream()).json()));
            }
            Thread.sleep(500);

            assertThat(answers).as("nothing is answered before its transaction commits").noneMatch(CompletableFuture::isDone);
            assertThat(blocked).isNotDone();
            assertThat(ledger.sessions(blockedSequence)).isEmpty();
            holder.commit();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }

        for (CompletableFuture<Integer> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(sequences).allSatisfy(sequence -> assertThat(ledger.sessions(sequence)).hasSize(1));
        assertThat(MetricsTest.value(GROUP_SIZE + "_count", Map.of())).as("two transactions")
                .isEqualTo(groupsBefore + 2);
        assertThat(MetricsTest.value(GROUP_SIZE + "_sum", Map.of())).isEqualTo(callbacksBefore + 11);
    }

    @Test
    void aGroupThatFailsIsStoredOneCallbackPerTransactionSoOnlyTheFailingOneIsRefused() throws Exception {
        String poisoned = uniqueStream();
        try (Connection admin = ledger.connect(); Statement ddl = admin.createStatement()) {
            ddl.execute("CREATE FUNCTION group_commit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.stream_id = '" + poisoned + "' THEN RAISE EXCEPTION 'refused by the test'; END IF;"
                    + " RETURN NEW; END $$");
            ddl.execute("CREATE TRIGGER group_commit_test_refuse BEFORE INSERT ON callback_event"
                    + " FOR EACH ROW EXECUTE FUNCTION group_commit_test_refuse()");
        }
        try (Connection holder = ledger.connect()) {
            CompletableFuture<Integer> blocked = holdTheWriter(holder, uniqueSequence());
            List<String> sequences = new ArrayList<>();
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String sequence = uniqueSequence();
                sequences.add(sequence);
                answers.add(send(aPushStart(sequence, uniqueStream()).json()));
                Thread.sleep(100);
            }
            String refusedSequence = uniqueSequence();
            CompletableFuture<Integer> refused = send(aPushStart(refusedSequence, poisoned).json());
            Thread.sleep(300);
            holder.commit();

            assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            for (CompletableFuture<Integer> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }
            assertThat(refused.get(10, TimeUnit.SECONDS)).isEqualTo(503);
            assertThat(sequences).allSatisfy(sequence -> assertThat(ledger.sessions(sequence)).hasSize(1));
            assertThat(ledger.sessions(refusedSequence)).isEmpty();
        } finally {
            try (Connection admin = ledger.connect(); Statement ddl = admin.createStatement()) {
                ddl.execute("DROP TRIGGER group_commit_test_refuse ON callback_event");
                ddl.execute("DROP FUNCTION group_commit_test_refuse()");
            }
        }
    }

    /**
     * Locks a path in {@code holder}'s open transaction and sends a start on it, then waits until the
     * writer's transaction waits for that lock. Committing {@code holder} lets the writer go on.
     */
    private CompletableFuture<Integer> holdTheWriter(Connection holder, String sequence) throws Exception {
        String stream = uniqueStream();
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "test.domain.com/live/" + stream);
            lock.executeQuery().close();
        }
        CompletableFuture<Integer> answer = send(aPushStart(sequence, stream).json());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!writerWaitsForALock(holder)) {
            assertThat(System.nanoTime()).as("the writer never waited for the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
        return answer;
    }

    private boolean writerWaitsForALock(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet waiting = query.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            waiting.next();
            return waiting.getLong(1) > 0;
        }
    }

    private CompletableFuture<Integer> send(String body) {
        return CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON).body(body)
                .when().post("/callbacks/css").then().extract().statusCode(), senders);
    }
}
