package io.pushledger.app;

import static io.pushledger.app.HistoryApi.authorised;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/**
 * Every query and path parameter the OpenAPI document lists, of every operation — so a new parameter is
 * covered without editing this test — gets NUL characters, lone surrogates (as their 3-byte encoding, the
 * only way to put one on the wire), bytes that are not UTF-8, overlong and astral text, and cursors that
 * decode to such text; the answer is only ever 2xx or 4xx. The values are drawn from jqwik's generators
 * (its own engine cannot run inside a @QuarkusTest; a failure names the request it made), and the other
 * parameters of the operation are sometimes given one of their enumerated values, so that e.g. streamId
 * meets every match.
 */
@QuarkusTest
class EveryParameterTakesHostileTextTest {

    private static final int CASES_PER_PARAMETER = 12;
    private static final String VALID_PATH_VALUE = "2210464508206756938";

    @Test
    void everyParameterOfEveryOperationAnswersOnly2xxOr4xx() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openApi.getMap("paths");
        Random random = new Random(20261202);
        Arbitrary<byte[]> hostile = hostileValues();
        TreeSet<String> covered = new TreeSet<>();
        List<String> unexpected = new ArrayList<>();

        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            List<Map<String, Object>> parameters = parameters(operation, openApi);
            for (Map<String, Object> parameter : parameters) {
                String name = (String) parameter.get("name");
                covered.add(method.toUpperCase() + " " + path + " " + name);
                for (int i = 0; i < CASES_PER_PARAMETER; i++) {
                    String value = percentEncoded(hostile.sample());
                    String target = target(path, parameters, parameter, value, random);
                    int status = authorised().urlEncodingEnabled(false).when().request(method.toUpperCase(), target)
                            .then().extract().statusCode();
                    if (status < 200 || status >= 500 || (status >= 300 && status < 400)) {
                        unexpected.add(status + " for " + method.toUpperCase() + " " + target);
                    }
                }
            }
        }));

        assertThat(covered).as("the parameters found in the OpenAPI document").contains(
                "GET /api/v1/sessions streamId", "GET /api/v1/sessions match", "GET /api/v1/sessions cursor",
                "GET /api/v1/sessions/{sequence} sequence", "GET /api/v1/events streamId", "GET /api/v1/events cursor",
                "GET /api/v1/stats/interruptions clientIp", "POST /callbacks/css token");
        assertThat(unexpected).as("requests answered with neither 2xx nor 4xx").isEmpty();
    }

    /** The request target: the path with its parameters filled in, the parameter under test given {@code value}. */
    private static String target(String path, List<Map<String, Object>> parameters, Map<String, Object> tested,
            String value, Random random) {
        String concrete = path;
        StringBuilder query = new StringBuilder();
        for (Map<String, Object> parameter : parameters) {
            String name = (String) parameter.get("name");
            boolean isTested = parameter == tested;
            List<?> choices = (List<?>) parameter.get("enum");
            if ("path".equals(parameter.get("in"))) {
                concrete = concrete.replace("{" + name + "}", isTested ? value : VALID_PATH_VALUE);
            } else if (isTested || (choices != null && random.nextInt(3) == 0)) {
                String given = isTested ? value : String.valueOf(choices.get(random.nextInt(choices.size())));
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(given);
            }
        }
        return concrete + query;
    }

    /** The operation's query and path parameters, each with its schema's enumeration (resolved through $ref) if any. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parameters(Map<String, Object> operation, JsonPath openApi) {
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())) {
            if (!"query".equals(parameter.get("in")) && !"path".equals(parameter.get("in"))) {
                continue;
            }
            Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
            if (schema.get("$ref") instanceof String ref) {
                schema = openApi.getMap("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1));
            }
            Map<String, Object> withChoices = new HashMap<>(parameter);
            withChoices.put("enum", schema == null ? null : schema.get("enum"));
            parameters.add(withChoices);
        }
        return parameters;
    }

    /** Values as the bytes that go on the wire (before percent-encoding). */
    private static Arbitrary<byte[]> hostileValues() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> nulsAndSurrogates = Arbitraries.strings()
                .withChars('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a', '7', '-', '%', '+', '&', '=', ' ')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> astral = Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT).list()
                .ofMinSize(1).ofMaxSize(300)
                .map(codePoints -> new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size()));
        Arbitrary<String> overlong = Arbitraries.integers().between(255, 1200).map(n -> "x".repeat(n));
        Arbitrary<byte[]> notUtf8 = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12);
        Arbitrary<byte[]> text = Arbitraries.oneOf(anyChars, nulsAndSurrogates, astral, overlong)
                .map(EveryParameterTakesHostileTextTest::wtf8);
        // Cursors are base64url: a cursor of hostile bytes, or of a well-formed position ending in them.
        Arbitrary<byte[]> cursors = Combinators.combine(
                        Arbitraries.of("", "s1:1703731478:0:", "c1:1703731478:0:"), Arbitraries.oneOf(text, notUtf8))
                .as((position, bytes) -> Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(concat(position.getBytes(StandardCharsets.UTF_8), bytes))
                        .getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.oneOf(text, notUtf8, cursors);
    }

    /** UTF-8, except that a lone surrogate gets the 3 bytes UTF-8 would give its code point (WTF-8). */
    private static byte[] wtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text.codePoints().forEach(codePoint -> {
            if (codePoint <= 0xFFFF && Character.isSurrogate((char) codePoint)) {
                out.write(0xE0 | (codePoint >> 12));
                out.write(0x80 | ((codePoint >> 6) & 0x3F));
                out.write(0x80 | (codePoint & 0x3F));
            } else {
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes) {
            int unsigned = b & 0xFF;
            if ((unsigned >= 'a' && unsigned <= 'z') || (unsigned >= 'A' && unsigned <= 'Z')
                    || (unsigned >= '0' && unsigned <= '9') || "-._~".indexOf(unsigned) >= 0) {
                encoded.append((char) unsigned);
            } else {
                encoded.append('%').append(String.format("%02X", unsigned));
            }
        }
        return encoded.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
