package io.pushledger.adapter.http.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.EventTimeLimit;
import io.pushledger.domain.model.PushEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever arrives, reading a callback either yields an event or refuses it with a 400 — it never
 * fails otherwise (which the endpoint would answer with a 5xx).
 */
class CallbackReadingPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Event times up to the last storable second are read; their bound has tests of its own (CallbackRejectionTest). */
    private static final EventTimeLimit ANY_EVENT_TIME = new EventTimeLimit(Duration.ofDays(3_000_000),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private static final List<String> KNOWN_FIELDS = List.of("t", "sign", "event_type", "appid", "app", "appname",
            "stream_id", "channel_id", "event_time", "sequence", "node", "user_ip", "stream_param",
            "push_duration", "errcode", "errmsg", "set_id", "width", "height", "idc_id");

    @Property(tries = 1000)
    void arbitraryBytesAreReadOrRefusedWith400(@ForAll byte[] body) {
        assertReadOrRefused(body);
    }

    @Property(tries = 1000)
    void arbitraryJsonIsReadOrRefusedWith400(@ForAll("jsonValues") String json) {
        assertReadOrRefused(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void mutatedCallbacksAreReadOrRefusedWith400(@ForAll("mutatedCallbacks") String json) {
        assertReadOrRefused(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void validCallbacksAreRead(@ForAll("validCallbacks") ObjectNode callback) {
        CallbackEvent event = read(callback.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(event).isInstanceOf(PushEvent.class);
        assertThat(((PushEvent) event).sequence().value()).isEqualTo(callback.get("sequence").textValue());
    }

    private static void assertReadOrRefused(byte[] body) {
        try {
            read(body);
        } catch (Problem refused) {
            assertThat(refused.response().status()).isEqualTo(400);
            assertThat(refused.response().detail()).isNotBlank();
        }
    }

    private static CallbackEvent read(byte[] body) {
        return CallbackReader.read(CallbackJson.parseObject(CallbackJson.decode(body)), ANY_EVENT_TIME);
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return jsonValue(4).map(Object::toString);
    }

    @Provide
    Arbitrary<ObjectNode> validCallbacks() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(256).filter(s -> !s.isBlank())
                                .filter(CallbackReadingPropertiesTest::storable),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(256).filter(s -> !s.isBlank())
                                .filter(CallbackReadingPropertiesTest::storable),
                        Arbitraries.longs().between(0, CallbackReader.MAX_EPOCH_SECOND),
                        Arbitraries.integers())
                .as((type, sequence, stream, time, errcode) -> {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("event_type", type);
                    node.put("sequence", sequence);
                    node.put("stream_id", stream);
                    node.put("event_time", time);
                    node.put("errcode", errcode);
                    return node;
                });
    }

    @Provide
    Arbitrary<String> mutatedCallbacks() {
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of(KNOWN_FIELDS), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> replaced = Combinators.combine(validCallbacks(), field, oddValues())
                .as((callback, name, value) -> {
                    callback.set(name, JSON.valueToTree(value));
                    return callback.toString();
                });
        Arbitrary<String> removed = Combinators.combine(validCallbacks(), field)
                .as((callback, name) -> {
                    callback.remove(name);
                    return callback.toString();
                });
        Arbitrary<String> rawValue = Combinators.combine(validCallbacks(), Arbitraries.of(KNOWN_FIELDS), rawJsonNumbers())
                .as((callback, name, raw) -> callback.toString().replaceFirst("^\\{", "{\"" + name + "\":" + raw + ","));
        Arbitrary<String> duplicated = Combinators.combine(validCallbacks(), Arbitraries.of(KNOWN_FIELDS))
                .as((callback, name) -> callback.toString().replaceFirst("^\\{", "{\"" + name + "\":1,"));
        Arbitrary<String> nested = Combinators.combine(validCallbacks(), Arbitraries.integers().between(1, 200))
                .as((callback, depth) -> callback.toString()
                        .replaceFirst("^\\{", "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ","));
        return Arbitraries.oneOf(replaced, removed, rawValue, duplicated, nested);
    }

    private Arbitrary<Object> oddValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300).map(s -> (Object) s),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.strings().numeric().ofMaxLength(25).map(s -> (Object) s),
                Arbitraries.strings().ofLength(5000).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TWO.pow(63), java.math.BigInteger.TWO.pow(200))
                        .map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false, 0, -1, "", "-5", "+5", " 5", "1e3", "0x10").map(v -> (Object) v),
                Arbitraries.just((Object) List.of(1, 2)),
                Arbitraries.just((Object) java.util.Map.of("k", "v")));
    }

    private static Arbitrary<String> rawJsonNumbers() {
        return Arbitraries.of("1e999999", "-1e-999999", "123456789012345678901234567890", "-0", "0.0",
                "1E400", "9223372036854775808", "-9223372036854775809", "1." + "0".repeat(20000), "null");
    }

    private static Arbitrary<Object> jsonValue(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(20).map(s -> (Object) JSON.valueToTree(s)),
                Arbitraries.longs().map(l -> (Object) JSON.valueToTree(l)),
                Arbitraries.doubles().map(d -> (Object) JSON.valueToTree(d)),
                Arbitraries.of(true, false).map(b -> (Object) JSON.valueToTree(b)),
                Arbitraries.just((Object) JSON.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> array = jsonValue(depth - 1).list().ofMaxSize(4).map(items -> {
            var node = JSON.createArrayNode();
            items.forEach(item -> node.add((com.fasterxml.jackson.databind.JsonNode) item));
            return (Object) node;
        });
        Arbitrary<Object> object = Arbitraries.maps(
                        Arbitraries.oneOf(Arbitraries.of(KNOWN_FIELDS), Arbitraries.strings().ofMaxLength(6)),
                        jsonValue(depth - 1))
                .ofMaxSize(6)
                .map(fields -> {
                    ObjectNode node = JSON.createObjectNode();
                    fields.forEach((name, value) -> node.set(name, (com.fasterxml.jackson.databind.JsonNode) value));
                    return (Object) node;
                });
        return Arbitraries.oneOf(leaf, array, object);
    }

    private static boolean storable(String s) {
        return s.indexOf('\u0000') < 0 && s.chars().noneMatch(c -> Character.isSurrogate((char) c));
    }
}
