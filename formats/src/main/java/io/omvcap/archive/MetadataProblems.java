package io.omvcap.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which omvcap metadata records of an archive are damaged (a value that does not parse, as a
 * zero-filled block after a crash leaves it). Readers skip damaged records and fall back to what
 * the messages say; this names them so commands can report them, one line each.
 */
public final class MetadataProblems {
    private MetadataProblems() {
    }

    /** One line per damaged record, e.g. {@code omvcap.device metadata is damaged (malformed JSON: …)}. */
    public static List<String> of(SessionReader r) {
        List<String> out = new ArrayList<>();
        check(out, Topics.META_DEVICE, r.metadata(Topics.META_DEVICE), DeviceFacts::fromMetadata);
        check(out, Topics.META_TOTALS, r.metadata(Topics.META_TOTALS), SessionTotals::fromMetadata);
        return out;
    }

    private interface Parser {
        Object parse(Map<String, String> md);
    }

    private static void check(List<String> out, String name, Optional<Map<String, String>> md, Parser parser) {
        if (md.isEmpty()) {
            return;
        }
        try {
            parser.parse(md.get());
        } catch (RuntimeException e) {
            out.add(name + " metadata is damaged (" + oneLine(e) + ")");
        }
    }

    private static String oneLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
