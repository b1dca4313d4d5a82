package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.model.BodyFingerprint;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordOutcome;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.Statement;
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

    @Inject
    GroupCommit groupCommit;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final ExecutorService senders = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    /**
     * Its deadline (the commit timeout, 15 s) must not keep an answered callback reachable: under load that was
     * every callback of the last 15 s with its body, most of a 128 MiB heap.
     */
    @Test
    void anAnsweredCallbackIsNotKeptUntilItsDeadline() throws Exception {
        String body = "{\"event_type\":100,\"stream_id\":\"" + uniqueStream() + "\"}";
        WeakReference<RecordCallbackCommand> kept = record(body);
        for (int i = 0; i < 20 && kept.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(kept.get()).as("the callback, once answered").isNull();
    }

    private WeakReference<RecordCallbackCommand> record(String body) throws Exception {
        RecordCallbackCommand command = new RecordCallbackCommand(new OtherEvent(100,
                new BodyFingerprint(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)))), null, null), body);
        assertThat(groupCommit.record(command).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(RecordOutcome.Recorded.class);
        return new WeakReference<>(command);
    }

    @Test
    void callbacksArrivingTogetherAreStoredInOneTransactionAndAnsweredOnlyAfterItsCommit() throws Exception {
        double groupsBefore = MetricsTest.value(GROUP_SIZE + "_count", Map.of());
        double callbacksBefore = MetricsTest.value(GROUP_SIZE + "_sum", Map.of());
        List<String> sequences = new ArrayList<>();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();

        String blockedSequence = uniqueSequence();
        try (HeldWriter writer = HeldWriter.hold(ledger, blockedSequence, this::send)) {
            CompletableFuture<Integer> blocked = writer.blocked();
            for (int i = 0; i < 10; i++) {
                String sequence = uniqueSequence();
                sequences.add(sequence);
                answers.add(send(aPushStart(sequence, uniqueStream()).json()));
            }
            Thread.sleep(500);

            assertThat(answers).as("nothing is answered before its transaction commits").noneMatch(CompletableFuture::isDone);
            assertThat(blocked).isNotDone();
            assertThat(ledger.sessions(blockedSequence)).isEmpty();
            writer.release();
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
        try (HeldWriter writer = HeldWriter.hold(ledger, uniqueSequence(), this::send)) {
            CompletableFuture<Integer> blocked = writer.blocked();
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
            writer.release();

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

    private CompletableFuture<Integer> send(String body) {
        return CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON).body(body)
                .when().post("/callbacks/css").then().extract().statusCode(), senders);
    }
}
