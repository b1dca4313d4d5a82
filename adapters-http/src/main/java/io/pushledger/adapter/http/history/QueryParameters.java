package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.domain.model.Text;
import io.pushledger.domain.port.in.TimeRange;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the history API's query parameters strictly: an unknown or repeated parameter, an empty value,
 * a value of the wrong form or out of range is a 400 whose detail names the parameter.
 */
final class QueryParameters {

    static final int MAX_TEXT = 256;
    /** 9999-12-31T23:59:59Z, the last instant PostgreSQL's timestamptz and ISO-8601 years of four digits share. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
    private static final int MAX_ECHO = 64;

    private QueryParameters() {
    }

    static void allowOnly(UriInfo uri, Set<String> known) {
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (!known.contains(name)) {
                throw invalid(name, known.isEmpty()
                        ? name + " is not a parameter of this endpoint, which takes none."
                        : name + " is not a parameter of this endpoint; it takes " + String.join(", ", new TreeSet<>(known)) + ".");
            }
            if (parameter.getValue().size() > 1) {
                throw invalid(name, name + " is given more than once.");
            }
            // The framework hands an empty value over as absent; an empty filter is a mistake, not "any".
            if (parameter.getValue().getFirst().isEmpty()) {
                throw invalid(name, name + " must not be empty.");
            }
        }
    }

    /** The value, or null when absent; longer than {@value #MAX_TEXT} characters (code points) is invalid. */
    static String text(String name, String value) {
        if (value == null) {
            return null;
        }
        if (Text.length(value) > MAX_TEXT) {
            throw invalid(name, name + " is longer than " + MAX_TEXT + " characters.");
        }
        return value;
    }

    static int integer(String name, String value, int min, int max, int absent) {
        Integer parsed = integer(name, value, min, max);
        return parsed == null ? absent : parsed;
    }

    static Integer integer(String name, String value, int min, int max) {
        if (value == null) {
            return null;
        }
        long parsed = INTEGER.matcher(value).matches() ? Long.parseLong(value) : Long.MIN_VALUE;
        if (parsed < min || parsed > max) {
            throw invalid(name, name + " must be an integer from " + min + " to " + max + ", not " + echo(value) + ".");
        }
        return (int) parsed;
    }

    static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, name + " must be true or false, not " + echo(value) + ".");
        };
    }

    /** One of {@code choices}' keys, ignoring case. */
    static <T> T choice(String name, String value, Map<String, T> choices) {
        if (value == null) {
            return null;
        }
        return choices.entrySet().stream()
                .filter(choice -> choice.getKey().equalsIgnoreCase(value))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> invalid(name, name + " must be one of " + String.join(", ", new TreeSet<>(choices.keySet()))
                        + ", not " + echo(value) + "."));
    }

    /** An ISO-8601 instant ({@code 2023-12-28T02:44:38Z}, or with an offset) or unix epoch seconds. */
    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        if (EPOCH_SECONDS.matcher(value).matches()) {
            long seconds = Long.parseLong(value);
            if (seconds <= MAX_EPOCH_SECOND) {
                return Instant.ofEpochSecond(seconds);
            }
        } else {
            try {
                Instant instant = OffsetDateTime.parse(value).toInstant();
                if (instant.getEpochSecond() >= 0 && instant.getEpochSecond() <= MAX_EPOCH_SECOND) {
                    return instant;
                }
            } catch (DateTimeException notIso) {
                // reported below
            }
        }
        throw invalid(name, name + " must be an ISO-8601 instant such as 2023-12-28T02:44:38Z or unix epoch seconds"
                + " between 1970 and 9999, not " + echo(value) + ".");
    }

    static TimeRange range(String fromName, Instant from, String toName, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid(fromName, fromName + " (" + from + ") is after " + toName + " (" + to + ").");
        }
        return new TimeRange(from, to);
    }

    static Problem invalid(String name, String detail) {
        return new Problem(Status.BAD_REQUEST, "invalid-parameter", "Invalid query parameter", detail);
    }

    /** The value as sent, quoted and cut short (never inside a surrogate pair), so that a detail stays readable. */
    private static String echo(String value) {
        String shown = Text.length(value) > MAX_ECHO
                ? value.substring(0, value.offsetByCodePoints(0, MAX_ECHO)) + "…"
                : value;
        return "\"" + shown + "\"";
    }
}
