package io.omvcap.replay.fault;

import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of faults parsed from a spec such as
 * {@code drop=0.01,corrupt=0.001,delay=5ms,nak=busy@10,disconnect@2s}, or from a file holding
 * such items (comma- or line-separated, {@code #} comments). Each item is
 * {@code KIND[=ARG][@WHEN]}:
 * <ul>
 *   <li>{@code drop}, {@code corrupt}, {@code duplicate}: ARG is a rate (0..1); with {@code @WHEN}
 *       and no ARG, once;</li>
 *   <li>{@code delay=5ms}, {@code stall=2s}: ARG is a duration, optionally {@code :RATE}
 *       ({@code delay=5ms:0.1}); without rate or WHEN a delay applies to every packet;</li>
 *   <li>{@code nak=busy}: ARG is a status (failed, invalid, timeout, busy, checksum, sequence,
 *       overflow, fragment, unknown), with {@code :RATE} or {@code @WHEN};</li>
 *   <li>{@code disconnect}: needs {@code @WHEN}.</li>
 * </ul>
 * WHEN is {@code N} (the N-th cam packet, or host request for {@code nak}), {@code KIND:N} (the
 * N-th of a kind: {@code read}, {@code size}, {@code poll}, {@code list}, {@code write},
 * {@code ioctl}, {@code lock}, {@code unlock}, {@code event}, {@code sync}, … — opcode names
 * without their prefix), a bare kind (rates count only those packets), or a time since the host
 * first connected ({@code 2s}, {@code 500ms}).
 */
public final class FaultPlan {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|s|m)");
    private static final FaultPlan NONE = new FaultPlan(List.of());

    private final List<FaultSpec> faults;

    private FaultPlan(List<FaultSpec> faults) {
        this.faults = List.copyOf(faults);
    }

    /** No faults. */
    public static FaultPlan none() {
        return NONE;
    }

    /** The faults. */
    public List<FaultSpec> faults() {
        return faults;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /**
     * Parses a spec, or the file it names when {@code spec} is the path of an existing file.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad item
     */
    public static FaultPlan parse(String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Path file = Path.of(spec.strip());
        String text = spec;
        if (!spec.contains("=") && !spec.contains("@") && Files.isRegularFile(file)) {
            text = Files.readString(file);
        }
        List<FaultSpec> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String body = hash >= 0 ? line.substring(0, hash) : line;
            for (String item : body.split(",")) {
                if (!item.isBlank()) {
                    out.add(item(item.strip()));
                }
            }
        }
        return new FaultPlan(out);
    }

    /** The spec again, comma-separated. */
    public String describe() {
        return String.join(",", faults.stream().map(FaultSpec::describe).toList());
    }

    private static FaultSpec item(String item) {
        try {
            return parseItem(item);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault '" + item + "': " + e.getMessage());
        }
    }

    private static FaultSpec parseItem(String item) {
        String when = null;
        int at = item.indexOf('@');
        String head = item;
        if (at >= 0) {
            when = item.substring(at + 1).strip().toLowerCase(Locale.ROOT);
            head = item.substring(0, at).strip();
        }
        int eq = head.indexOf('=');
        String name = (eq < 0 ? head : head.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
        String arg = eq < 0 ? "" : head.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
        FaultKind kind = null;
        for (FaultKind k : FaultKind.values()) {
            if (k.specName().equals(name)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown fault '" + name
                    + "' (known: drop, corrupt, duplicate, delay, stall, nak, disconnect)");
        }
        long atCount = 0;
        long atNanos = -1;
        String packetKind = "any";
        if (when != null) {
            if (when.isEmpty()) {
                throw new IllegalArgumentException("nothing after '@'");
            }
            Matcher d = DURATION.matcher(when);
            int colon = when.indexOf(':');
            if (d.matches()) {
                atNanos = nanos(when);
            } else if (when.matches("\\d+")) {
                atCount = positive(when);
            } else if (colon > 0) {
                packetKind = packetKind(when.substring(0, colon));
                atCount = positive(when.substring(colon + 1));
            } else {
                packetKind = packetKind(when);
            }
        }
        boolean once = atCount > 0 || atNanos >= 0;
        double rate = 0;
        long nanos = 0;
        Status status = null;
        String rateText = null;
        switch (kind) {
            case DROP, CORRUPT, DUPLICATE -> rateText = arg.isEmpty() ? (once ? null : "1") : arg;
            case DELAY, STALL -> {
                String[] p = arg.split(":", 2);
                if (p[0].isEmpty()) {
                    throw new IllegalArgumentException("needs a duration, e.g. " + name + "=5ms");
                }
                nanos = nanos(p[0]);
                rateText = p.length > 1 ? p[1] : once ? null : kind == FaultKind.DELAY ? "1" : null;
                if (kind == FaultKind.STALL && rateText == null && !once) {
                    throw new IllegalArgumentException("needs @WHEN or a rate, e.g. stall=2s@100 or stall=200ms:0.01");
                }
            }
            case NAK -> {
                String[] p = arg.split(":", 2);
                status = status(p[0]);
                rateText = p.length > 1 ? p[1] : null;
                if (rateText == null && !once) {
                    throw new IllegalArgumentException("needs @WHEN or a rate, e.g. nak=busy@10 or nak=busy:0.01");
                }
            }
            case DISCONNECT -> {
                if (!once) {
                    throw new IllegalArgumentException("needs @WHEN, e.g. disconnect@2s or disconnect@500");
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (rateText != null) {
            try {
                rate = Double.parseDouble(rateText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a rate between 0 and 1, got '" + rateText + "'");
            }
            if (!(rate > 0) || rate > 1) {
                throw new IllegalArgumentException("rate must be above 0 and at most 1, got " + rateText);
            }
            if (once) {
                throw new IllegalArgumentException("give either a rate or @WHEN, not both");
            }
        }
        return new FaultSpec(kind, rate, nanos, status, atCount, packetKind, atNanos);
    }

    /** The packet kinds a spec may name: opcode names without prefix, {@code event}, {@code any}. */
    static String packetKind(String s) {
        if (s.equals("any") || s.equals("event")) {
            return s;
        }
        for (Opcode o : Opcode.values()) {
            if (kindName(o.code()).equals(s)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown packet kind '" + s + "' (e.g. read, size, poll, write, event, any)");
    }

    /** The spec name of an opcode: {@code CHANNEL_READ} → {@code read}, {@code PROTO_GET_CAPS} → {@code get_caps}. */
    static String kindName(int opcode) {
        String n = Opcode.nameOf(opcode).toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"proto_", "sys_", "channel_"}) {
            if (n.startsWith(prefix) && !n.equals("sys_event") && !n.equals("channel_event")) {
                return n.substring(prefix.length());
            }
        }
        return n;
    }

    private static Status status(String s) {
        for (Status st : Status.values()) {
            if (st != Status.SUCCESS && st.name().equalsIgnoreCase(s)) {
                return st;
            }
        }
        throw new IllegalArgumentException("unknown NAK status '" + s
                + "' (failed, invalid, timeout, busy, checksum, sequence, overflow, fragment, unknown)");
    }

    private static long positive(String s) {
        try {
            long n = Long.parseLong(s);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a count of 1 or more, got '" + s + "'");
        }
    }

    static long nanos(String s) {
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 5ms or 2s, got '" + s + "'");
        }
        double v = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2)) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "m" -> 60e9;
            default -> 1e9;
        };
        return (long) (v * unit);
    }
}
