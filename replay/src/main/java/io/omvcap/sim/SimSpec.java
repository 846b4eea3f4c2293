package io.omvcap.sim;

import io.omvcap.device.BoardProfile;
import java.util.Locale;

/**
 * Parses simulated-cam settings written as a port spec or option list: {@code sim:},
 * {@code sim:reference}, {@code sim:fps=30,size=640x480,seed=7,board=h7,loop=50,start=exec,quiet},
 * {@code sim:pattern=noise} (incompressible frames).
 */
public final class SimSpec {
    private SimSpec() {
    }

    /** The configuration a {@code sim:…} spec describes; a one-line {@link IllegalArgumentException} if malformed. */
    public static SimConfig parse(String spec) {
        String body = spec.startsWith("sim:") ? spec.substring(4) : spec;
        SimConfig.Builder b = SimConfig.builder();
        if (body.isBlank()) {
            return b.build();
        }
        for (String part : body.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            try {
                switch (key) {
                    case "reference" -> b = SimConfig.reference();
                    case "fps" -> b.frameRateHz(Double.parseDouble(value));
                    case "seed" -> b.seed(Long.parseLong(value));
                    case "board" -> b.board(BoardProfile.byName(value));
                    case "loop" -> b.loopPeriodMs(Integer.parseInt(value));
                    case "quality" -> b.jpegQuality(Integer.parseInt(value));
                    case "quiet" -> b.prints(false);
                    case "pattern" -> b.framePattern(FramePattern.byName(value));
                    case "start" -> b.scriptStart(value.equalsIgnoreCase("exec") ? ScriptStart.ON_EXEC : ScriptStart.MAIN_PY);
                    case "size" -> {
                        String[] wh = value.toLowerCase(Locale.ROOT).split("x");
                        if (wh.length != 2) {
                            throw new IllegalArgumentException("size expects WIDTHxHEIGHT");
                        }
                        b.frameSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                    }
                    default -> throw new IllegalArgumentException("unknown setting '" + key
                            + "' (known: reference, fps, size, seed, board, loop, quality, start, pattern, quiet)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in '" + p + "'");
            }
        }
        return b.build();
    }
}
