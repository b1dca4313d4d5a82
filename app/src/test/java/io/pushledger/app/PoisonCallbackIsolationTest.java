package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poison callback harms no other: sent together with valid callbacks, in the same groups, each poison is
 * answered for itself alone, and every valid callback is stored and answered 200. The poisons are the ones a
 * holder of one valid signature can make: a byte-order mark, UTF-16, overlong UTF-8 (refused before they are
 * queued), and content the database refuses, here a check constraint standing for whatever PostgreSQL may refuse.
 */
@QuarkusTest
class PoisonCallbackIsolationTest {

    private static final String REFUSED_PREFIX = "refused-by-the-database-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/callbacks/css")
    URI callbacks;

    @BeforeEach
    void theDatabaseRefusesSomeStreams() {
        ledger.execute("ALTER TABLE callback_event ADD CONSTRAINT isolation_test_refused CHECK (stream_id IS NULL OR "
                + "NOT starts_with(stream_id, '" + REFUSED_PREFIX + "')) NOT VALID");
    }

    @AfterEach
    void theDatabaseRefusesNoneAgain() {
        ledger.execute("ALTER TABLE callback_event DROP CONSTRAINT isolation_test_refused");
        http.close();
    }

    @Test
    void thirtySixValidCallbacksSentWithTwentyFourPoisonsAreAllStoredAndAnswered200RoundAfterRound() throws Exception {
        for (int round = 1; round <= 3; round++) {
            List<String> valid = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> validAnswers = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> malformed = new ArrayList<>();
            List<String> refusedSequences = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> refused = new ArrayList<>();

            try (HeldWriter writer = HeldWriter.hold(ledger, uniqueSequence(),
                    body -> send(body.getBytes(StandardCharsets.UTF_8)).thenApply(HttpResponse::statusCode))) {
                for (int i = 0; i < 36; i++) {
                    String sequence = uniqueSequence();
                    valid.add(sequence);
                    validAnswers.add(send(utf8(aPushStart(sequence, uniqueStream()).json())));
                    if (i % 6 == 0) {
                        malformed.add(send(withByteOrderMark(aPushStart(uniqueSequence(), uniqueStream()).json())));
                        malformed.add(send(aPushStart(uniqueSequence(), uniqueStream()).json()
                                .getBytes(StandardCharsets.UTF_16LE)));
                        malformed.add(send(overlong(aPushStart(uniqueSequence(), uniqueStream()).with("errmsg", "a~b")
                                .json())));
                    }
                    if (i % 6 == 3) {
                        String sequence2 = uniqueSequence();
                        refusedSequences.add(sequence2);
                        refused.add(send(utf8(aPushStart(sequence2, REFUSED_PREFIX + uniqueStream()).json())));
                    }
                }
                Thread.sleep(300);
                writer.release();
                assertThat(writer.blocked().get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }

            assertThat(malformed.size() + refused.size()).isEqualTo(24);
            for (CompletableFuture<HttpResponse<String>> answer : validAnswers) {
                assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).as("round " + round).isEqualTo(200);
            }
            for (CompletableFuture<HttpResponse<String>> answer : malformed) {
                problem(answer.get(20, TimeUnit.SECONDS), "malformed-json");
            }
            for (CompletableFuture<HttpResponse<String>> answer : refused) {
                JsonNode problem = problem(answer.get(20, TimeUnit.SECONDS), "unstorable-content");
                assertThat(problem.path("detail").asText()).contains("isolation_test_refused").contains("23514");
            }
            assertThat(valid).allSatisfy(sequence -> {
                assertThat(ledger.pushEvents(sequence)).hasSize(1);
                assertThat(ledger.sessions(sequence)).hasSize(1);
            });
            assertThat(refusedSequences).allSatisfy(sequence -> {
                assertThat(ledger.pushEvents(sequence)).isEmpty();
                assertThat(ledger.sessions(sequence)).isEmpty();
            });
        }
    }

    private static JsonNode problem(HttpResponse<String> answer, String type) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:pushledger:problem:" + type);
        return problem;
    }

    private CompletableFuture<HttpResponse<String>> send(byte[] body) {
        return http.sendAsync(HttpRequest.newBuilder(callbacks)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withByteOrderMark(String json) {
        return utf8("\uFEFF" + json);
    }

    /** "/" written as the overlong two bytes C0 AF, which lenient decoding turns into U+FFFD. */
    private static byte[] overlong(String json) {
        return json.replace("a~b", "a\u00C0\u00AFb").getBytes(StandardCharsets.ISO_8859_1);
    }
}
