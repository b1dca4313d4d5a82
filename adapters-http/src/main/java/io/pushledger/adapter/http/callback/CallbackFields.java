package io.pushledger.adapter.http.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.domain.model.Text;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Typed access to a callback's fields as SPEC §1 types them. Integer fields take a JSON integer or a
 * string of digits; string fields take only JSON strings, of bounded length. JSON {@code null} counts
 * as absent. A field that breaks its type is a 400 naming it.
 */
final class CallbackFields {

    static final int MAX_STRING = 256;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private final ObjectNode json;

    CallbackFields(ObjectNode json) {
        this.json = json;
    }

    /** The field's decimal text if it is a non-negative integer (as the signature check needs it), else null. */
    String decimalText(String field) {
        JsonNode node = json.get(field);
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.bigIntegerValue().signum() >= 0) {
            return node.bigIntegerValue().toString();
        }
        return node.isTextual() ? node.textValue() : null;
    }

    /** The field's text if it is a string, else null; for reading {@code sign} before the type checks. */
    String rawText(String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    boolean has(String field) {
        JsonNode node = json.get(field);
        return node != null && !node.isNull();
    }

    Long optionalLong(String field) {
        return integer(field, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    Integer optionalInt(String field) {
        Long value = integer(field, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    long requiredLong(String field, long min, long max) {
        Long value = integer(field, min, max);
        if (value == null) {
            throw CallbackProblems.invalidField(field, "is required.");
        }
        return value;
    }

    int requiredInt(String field) {
        return (int) requiredLong(field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    String optionalString(String field) {
        return optionalString(field, MAX_STRING);
    }

    String optionalString(String field, int maxLength) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw CallbackProblems.invalidField(field, "must be a JSON string, not " + describe(node) + ".");
        }
        String text = node.textValue();
        if (Text.length(text) > maxLength) {
            throw CallbackProblems.invalidField(field, "is longer than " + maxLength + " characters.");
        }
        return text;
    }

    String requiredString(String field) {
        String text = optionalString(field);
        if (text == null) {
            throw CallbackProblems.invalidField(field, "is required.");
        }
        if (text.isBlank()) {
            throw CallbackProblems.invalidField(field, "must not be blank.");
        }
        return text;
    }

    /** The integer field, or null where it is absent or of another type; for kinds whose fields are not ours to check. */
    Long lenientLong(String field, long min, long max) {
        try {
            return integer(field, min, max);
        } catch (Problem notAnInteger) {
            return null;
        }
    }

    /** The string field, or null where it is absent or of another type. */
    String lenientString(String field) {
        try {
            return optionalString(field);
        } catch (Problem notAString) {
            return null;
        }
    }

    private Long integer(String field, long min, long max) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isTextual() && DIGITS.matcher(node.textValue()).matches()) {
            value = new BigInteger(node.textValue());
        } else {
            throw CallbackProblems.invalidField(field,
                    "must be an integer or a string of digits, not " + describe(node) + ".");
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw CallbackProblems.invalidField(field, "is out of range (" + min + " to " + max + ").");
        }
        return value.longValue();
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string that is not a number";
        }
        if (node.isFloatingPointNumber()) {
            return "a number with a fraction or exponent";
        }
        return switch (node.getNodeType()) {
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }
}
