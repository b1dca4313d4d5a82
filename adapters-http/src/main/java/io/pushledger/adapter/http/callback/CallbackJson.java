package io.pushledger.adapter.http.callback;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushledger.adapter.http.text.StorableText;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a callback body strictly: UTF-8 and nothing else (no byte-order mark, no UTF-16 or UTF-32, no
 * overlong or stray bytes), one JSON object, nothing after it, no duplicate keys, bounded nesting, and
 * nothing PostgreSQL's JSON types would choke on when queried (NUL characters, lone surrogates, numbers
 * beyond {@code numeric}'s range), so that what is accepted can always be stored and read, and what is
 * stored is the text that was parsed.
 */
final class CallbackJson {

    static final int MAX_DEPTH = 32;
    // PostgreSQL's numeric (what jsonb, and json operators, turn numbers into): at most 131072 digits
    // before the point and 16383 after.
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .build());
    }

    private CallbackJson() {
    }

    /**
     * The body as text, decoded as strict UTF-8 (RFC 8259 §8.1). Jackson alone would guess UTF-16 and UTF-32
     * from the first bytes and skip a byte-order mark, and Java's lenient decoding would turn bad bytes into
     * U+FFFD: either way the text parsed would not be the text stored.
     */
    static String decode(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw CallbackProblems.malformed("The body starts with a byte-order mark; a callback is UTF-8 JSON without one.");
        }
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                // Never part of UTF-8 JSON (a NUL inside a string must be escaped); the mark of UTF-16 and UTF-32.
                throw CallbackProblems.malformed("The body has a NUL byte at byte " + i
                        + "; a callback is UTF-8 JSON (UTF-16 and UTF-32 are not accepted).");
            }
        }
        return StorableText.utf8(body).orElseThrow(() -> CallbackProblems.malformed(
                "The body is not valid UTF-8 (an overlong, truncated or stray byte sequence); a callback is UTF-8 JSON."));
    }

    static ObjectNode parseObject(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw CallbackProblems.malformed("The body is nested more than " + MAX_DEPTH + " levels deep.");
        } catch (JsonParseException e) {
            // Jackson's message may quote the offending input, which could be a signature: only say where.
            throw CallbackProblems.malformed("The body is not valid JSON" + at(e) + duplicateKey(e) + ".");
        } catch (MismatchedInputException e) {
            // Jackson's own wording here names its classes; say it plainly instead.
            throw CallbackProblems.malformed("The body has more after its JSON value" + at(e) + ".");
        } catch (IOException e) {
            throw CallbackProblems.malformed("The body could not be read as JSON.");
        }
        if (root == null || root.isMissingNode()) {
            throw CallbackProblems.malformed("The body is empty; a callback is a JSON object.");
        }
        if (!root.isObject()) {
            throw CallbackProblems.malformed("The body is a JSON " + root.getNodeType().name().toLowerCase()
                    + "; a callback is a JSON object.");
        }
        requireStorable(root, "");
        return (ObjectNode) root;
    }

    private static void requireStorable(JsonNode node, String where) {
        if (node.isTextual()) {
            requireStorable(node.textValue(), where);
        } else if (node.isBigDecimal()) {
            BigDecimal number = node.decimalValue();
            if (number.scale() > MAX_FRACTION_DIGITS || number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
                throw CallbackProblems.malformed("The number at " + at(where) + " is beyond the storable range.");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = where + "/" + field.getKey();
                requireStorable(field.getKey(), path);
                requireStorable(field.getValue(), path);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireStorable(node.get(i), where + "/" + i);
            }
        }
    }

    private static void requireStorable(String text, String where) {
        StorableText.flaw(text).ifPresent(flaw -> {
            throw CallbackProblems.malformed("The text at " + at(where) + " " + flaw + ".");
        });
    }

    private static String duplicateKey(JsonParseException e) {
        return e.getOriginalMessage().startsWith("Duplicate field") ? ": a key appears twice" : "";
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String at(String where) {
        return where.isEmpty() ? "the top level" : where;
    }
}
