package io.omvcap.mcap;

/**
 * Text for one line of output: control characters (a line break, a NUL from a zero-filled block)
 * written as escapes ({@code \n}, {@code \t}, and the others as Java unicode escapes). Error messages quote bytes from damaged files,
 * and a message must stay one line whatever those bytes are.
 */
public final class OneLine {
    private OneLine() {
    }

    /** {@code s} with its control characters escaped; {@code null} stays {@code null}. */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7F) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }
}
