package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.UsageException;
import io.omvcap.transport.PortWait;
import java.time.Duration;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * {@code --wait-for-port [T]} for every command that opens a cam's port ({@code record},
 * {@code tap}): add {@link #option()}, then open the port with
 * {@code PortWaitOption.parse(line).open(port, stop, log)}.
 */
public final class PortWaitOption {
    /** The option's long name. */
    public static final String NAME = "wait-for-port";

    private PortWaitOption() {
    }

    /** The option: no value waits forever, a value like {@code 5m} up to that long. */
    public static Option option() {
        return Option.builder().longOpt(NAME).hasArg().optionalArg(true).argName("[T]")
                .desc("at start, wait for a missing port to appear (forever, or up to T); later unplugs are always waited for")
                .build();
    }

    /** The setting on {@code line}: {@link PortWait#NONE} when the option is absent. */
    public static PortWait parse(CommandLine line) throws UsageException {
        if (!line.hasOption(NAME)) {
            return PortWait.NONE;
        }
        Duration limit = Args.durationOption(line, NAME, null);
        if (limit != null && (limit.isZero() || limit.isNegative())) {
            throw new UsageException("--" + NAME + " must be positive (or given without a value to wait forever)");
        }
        return limit == null ? PortWait.FOREVER : PortWait.upTo(limit);
    }
}
