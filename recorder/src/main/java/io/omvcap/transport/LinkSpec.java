package io.omvcap.transport;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed link spec: {@code tcp://HOST:PORT}, {@code SCHEME:REST} for a plug-in transport such as
 * {@code sim:}, or anything else as a serial port path ({@code /dev/ttyACM0}, {@code COM3},
 * {@code serial:/dev/ttyACM0} explicitly). Single-letter schemes are Windows drive letters, so
 * {@code C:\dev\x} is a path.
 *
 * @param scheme lower-case scheme: {@code serial}, {@code tcp} or a plug-in's
 * @param target what follows the scheme: the path, {@code HOST:PORT}, or the plug-in's part
 * @param spec   the spec as given
 */
public record LinkSpec(String scheme, String target, String spec) {
    /** The scheme of serial ports. */
    public static final String SERIAL = "serial";
    /** The scheme of TCP connections. */
    public static final String TCP = "tcp";

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):(.*)", Pattern.DOTALL);
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]+\\]|[^:/\\[\\]]+):(\\d{1,5})/?");

    /** Validates the fields. */
    public LinkSpec {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(spec, "spec");
    }

    /** Parses a spec; throws {@link IllegalArgumentException} with a one-line message when it is malformed. */
    public static LinkSpec parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty link spec (give a serial port path, tcp://HOST:PORT or sim:)");
        }
        Matcher m = SCHEME.matcher(s);
        if (!m.matches()) {
            return new LinkSpec(SERIAL, s, spec);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(2);
        if (scheme.equals(TCP)) {
            if (!rest.startsWith("//") || !HOST_PORT.matcher(rest.substring(2)).matches()) {
                throw new IllegalArgumentException("bad TCP link spec '" + spec + "' (expected tcp://HOST:PORT)");
            }
            int port = Integer.parseInt(tcpMatcher(rest).group(2));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bad TCP port " + port + " in '" + spec + "' (1..65535)");
            }
            return new LinkSpec(TCP, rest.substring(2).replaceAll("/$", ""), spec);
        }
        if (scheme.equals(SERIAL) && rest.isEmpty()) {
            throw new IllegalArgumentException("bad serial link spec '" + spec + "' (expected serial:PATH)");
        }
        return new LinkSpec(scheme, rest, spec);
    }

    /** For {@code tcp}: the host, without IPv6 brackets. */
    public String host() {
        String h = tcpMatcher("//" + target).group(1);
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    /** For {@code tcp}: the port. */
    public int port() {
        return Integer.parseInt(tcpMatcher("//" + target).group(2));
    }

    private static Matcher tcpMatcher(String rest) {
        Matcher hp = HOST_PORT.matcher(rest.substring(2));
        if (!hp.matches()) {
            throw new IllegalStateException("not a TCP spec");
        }
        return hp;
    }
}
