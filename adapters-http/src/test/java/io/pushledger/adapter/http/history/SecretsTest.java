package io.pushledger.adapter.http.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The API shows a stored body as received, but never its sign nor a push URL's txSecret. */
class SecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSignIsReplacedAndEveryOtherCharacterKept() {
        String body = "{ \"t\" : 1703732078,\n  \"sign\":\"df49a1b2c3d4e5f60718293a4b5cf5d4\" , \"stream_id\":\"s\u00e9\\u0041\"}";

        assertThat(Secrets.body(body)).isEqualTo(
                "{ \"t\" : 1703732078,\n  \"sign\":\"redacted\" , \"stream_id\":\"s\u00e9\\u0041\"}");
    }

    @Test
    void aSignOfAnyTypeOrSpellingIsReplaced() {
        assertThat(Secrets.body("{\"sign\":12345,\"a\":1}")).isEqualTo("{\"sign\":\"redacted\",\"a\":1}");
        assertThat(Secrets.body("{\"sign\":{\"x\":[1,\"y\"]},\"a\":1}")).isEqualTo("{\"sign\":\"redacted\",\"a\":1}");
        // The key escaped: it is still the field the signature check reads.
        assertThat(Secrets.body("{\"si\\u0067n\":\"abc\"}")).isEqualTo("{\"si\\u0067n\":\"redacted\"}");
        assertThat(Secrets.body("{\"nested\":{\"sign\":\"kept\"},\"Sign\":\"kept\"}"))
                .isEqualTo("{\"nested\":{\"sign\":\"kept\"},\"Sign\":\"kept\"}");
    }

    @Test
    void aPushUrlsTxSecretIsReplacedWhereverItIsShown() {
        assertThat(Secrets.streamParam("txSecret=0ab1c2&txTime=5C2ACD3B&other=1"))
                .isEqualTo("txSecret=redacted&txTime=5C2ACD3B&other=1");
        assertThat(Secrets.streamParam("a=1&TXSECRET=0ab1c2")).isEqualTo("a=1&TXSECRET=redacted");
        assertThat(Secrets.streamParam("notatxSecret=1")).isEqualTo("notatxSecret=1");
        assertThat(Secrets.body("{\"stream_param\":\"txSecret=0ab1c2&txTime=5C2ACD3B\", \"x\":1}"))
                .isEqualTo("{\"stream_param\":\"txSecret=redacted&txTime=5C2ACD3B\", \"x\":1}");
        assertThat(Secrets.body("{\"stream_param\":\"stream_param=test\"}")).isEqualTo("{\"stream_param\":\"stream_param=test\"}");
    }

    @Property(tries = 500)
    void anyBodyReadsAsItWasExceptForTheSign(@ForAll("bodies") ObjectNode body) throws Exception {
        String text = body.toPrettyString();

        JsonNode shown = JSON.readTree(Secrets.body(text));

        ObjectNode expected = body.deepCopy();
        if (expected.has("sign")) {
            expected.put("sign", "redacted");
        }
        assertThat(shown).isEqualTo(expected);
    }

    @Provide
    Arbitrary<ObjectNode> bodies() {
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.maps(Arbitraries.of("sign", "t", "stream_id", "a", "b\"c", "\u00e9"), values).ofMaxSize(6)
                .map(fields -> {
                    ObjectNode node = JSON.createObjectNode();
                    fields.forEach((key, value) -> node.set(key, JSON.valueToTree(value)));
                    return node;
                });
    }
}
