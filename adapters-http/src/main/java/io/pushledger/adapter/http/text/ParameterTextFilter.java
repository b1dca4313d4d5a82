package io.pushledger.adapter.http.text;

import io.pushledger.adapter.http.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses, before any resource method runs, a request with a query or path parameter whose text is not
 * UTF-8 once percent-decoded (an encoded surrogate, an overlong form, a stray byte, a broken escape) or
 * that PostgreSQL could not take ({@link StorableText}): a 400 naming the parameter. One check for every
 * parameter of every resource, present and future, so that no parameter can reach the database unchecked.
 * It reads the raw request line, because the framework's lenient decoding turns bad bytes into U+FFFD.
 */
public class ParameterTextFilter {

    private static final String QUERY = "Invalid query parameter";
    private static final String PATH = "Invalid path parameter";

    // Compiled once: String.replaceAll and split with these compiled them on every request (4 % of the event loop).
    private static final Pattern OUTER_SLASHES = Pattern.compile("^/+|/+$");
    private static final Pattern SLASHES = Pattern.compile("/+");

    @ServerRequestFilter
    public Optional<Response> refuseUnstorableText(HttpServerRequest request, ResteasyReactiveContainerRequestContext context) {
        RuntimeResource resource = ((ResteasyReactiveRequestContext) context.getServerRequestContext()).getTarget();
        return firstFlaw(request, resource).map(problem -> problem.response().toResponse());
    }

    private static Optional<Problem> firstFlaw(HttpServerRequest request, RuntimeResource resource) {
        String query = request.query();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                Optional<String> name = decoded(rawName, true).filter(text -> StorableText.flaw(text).isEmpty());
                if (name.isEmpty()) {
                    return Optional.of(invalid(QUERY, "A query parameter's name is not valid UTF-8 text."));
                }
                Optional<Problem> flaw = flaw(QUERY, name.get(), equals < 0 ? "" : pair.substring(equals + 1), true);
                if (flaw.isPresent()) {
                    return flaw;
                }
            }
        }
        String[] segments = segments(request.path());
        String[] template = segments(template(resource));
        for (int i = 0; i < segments.length; i++) {
            String name = i < template.length && segments.length == template.length ? parameterName(template[i]) : null;
            Optional<Problem> flaw = flaw(PATH, name == null ? "The path" : name, segments[i], false);
            if (flaw.isPresent()) {
                return flaw;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> flaw(String title, String name, String raw, boolean query) {
        Optional<String> text = decoded(raw, query);
        if (text.isEmpty()) {
            return Optional.of(invalid(title, name + " is not valid UTF-8 once percent-decoded"
                    + " (an encoded surrogate, an overlong form, a stray byte or a broken %-escape)."));
        }
        return StorableText.flaw(text.get()).map(flaw -> invalid(title, name + " " + flaw + "."));
    }

    /**
     * The percent-decoded text, strictly, or empty. The request line arrives one character per byte; a
     * character beyond a byte (not from the wire) is taken as its UTF-8.
     */
    private static Optional<String> decoded(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !HexFormat.isHexDigit(raw.charAt(i + 1)) || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
                    return Optional.empty();
                }
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c <= 0xFF) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return StorableText.utf8(bytes.toByteArray());
    }

    /**
     * The matched resource's path template, the class's and the method's {@code @Path} joined, as the framework
     * matched them: no reflection (the native executable has none for resource methods).
     */
    private static String template(RuntimeResource resource) {
        List<String> parts = new ArrayList<>();
        if (resource != null) {
            Optional.ofNullable(resource.getClassPath()).map(t -> t.template).ifPresent(parts::add);
            Optional.ofNullable(resource.getPath()).map(t -> t.template).ifPresent(parts::add);
        }
        return String.join("/", parts);
    }

    private static String[] segments(String path) {
        return path == null ? new String[0] : SLASHES.split(OUTER_SLASHES.matcher(path).replaceAll(""));
    }

    /** {@code sequence} for a template segment {@code {sequence}} or {@code {sequence: regex}}, else null. */
    private static String parameterName(String segment) {
        if (!segment.startsWith("{") || !segment.endsWith("}")) {
            return null;
        }
        String inside = segment.substring(1, segment.length() - 1);
        int colon = inside.indexOf(':');
        return (colon < 0 ? inside : inside.substring(0, colon)).strip();
    }

    private static Problem invalid(String title, String detail) {
        return new Problem(Status.BAD_REQUEST, "invalid-parameter", title, detail);
    }
}
