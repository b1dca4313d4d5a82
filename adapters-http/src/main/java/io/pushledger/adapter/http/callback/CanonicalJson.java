package io.pushledger.adapter.http.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical form of a callback body: keys sorted, no whitespace, without {@code t} and
 * {@code sign} (which a retry may renew); its SHA-256 identifies callbacks of other kinds.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static String sha256WithoutSignature(ObjectNode body) {
        ObjectNode unsigned = body.deepCopy();
        unsigned.remove(List.of("t", "sign"));
        StringBuilder canonical = new StringBuilder();
        write(unsigned, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quoted(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String quoted(String name) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(name).toString();
    }
}
