package io.omvcap.parquet;

import io.omvcap.archive.SessionFacts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How device channel names, telemetry field names and sessions become folder and column names:
 * lower case (engines compare column names case-insensitively), {@code [a-z0-9_]} only, runs of
 * {@code _} collapsed, so {@code __} never occurs in a sanitised name and is free for the
 * export's own suffixes ({@code __int}, {@code __2}).
 */
public final class Names {
    /** The separator of the export's own column suffixes. */
    public static final String SUFFIX = "__";
    private static final DateTimeFormatter SESSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Names() {
    }

    /** A name usable as a column or folder name: never empty, never starting with a digit. */
    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            char out = ok ? c : '_';
            if (out == '_' && (sb.length() == 0 || sb.charAt(sb.length() - 1) == '_')) {
                continue;
            }
            sb.append(out);
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') {
            sb.setLength(sb.length() - 1);
        }
        if (sb.length() == 0) {
            return "x";
        }
        if (Character.isDigit(sb.charAt(0))) {
            sb.insert(0, "f_");
        }
        return sb.toString();
    }

    /**
     * The session id of a recording: where it came from and when it started, e.g.
     * {@code ttyacm0-20261202T101500.123Z}. The source is the label {@code cam} (or {@code name})
     * when the recording has one, else the port's last path segment. It always starts with a
     * letter and contains letters, so no engine infers it as a number or a date.
     */
    public static String sessionId(SessionFacts facts) {
        String source = facts.labels().get("cam");
        if (source == null || source.isBlank()) {
            source = facts.labels().get("name");
        }
        if (source == null || source.isBlank()) {
            source = portName(facts.port());
        }
        String s = source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^[-._]+|[-._]+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "s" + s;
        }
        return s + "-" + SESSION_TIME.format(Instant.ofEpochSecond(0, facts.clock().anchorWallNanos()));
    }

    private static String portName(String port) {
        if (port == null || port.isBlank()) {
            return "session";
        }
        String p = port.strip();
        int colon = p.indexOf(':');
        if (colon > 0 && !p.startsWith("/") && !p.startsWith("tcp://")) {
            return p.substring(0, colon); // "sim:fps=20" -> "sim"
        }
        if (p.startsWith("tcp://")) {
            return "tcp-" + p.substring("tcp://".length());
        }
        int slash = p.lastIndexOf('/');
        return slash >= 0 && slash < p.length() - 1 ? p.substring(slash + 1) : p;
    }
}
