package io.omvcap.transport;

import io.omvcap.link.ByteLink;
import io.omvcap.link.LinkProvider;
import io.omvcap.transport.PortUnavailableException.Reason;
import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens links from spec strings: {@code tcp://HOST:PORT} ({@link TcpLink}), any serial port path
 * or {@code serial:PATH} ({@link SerialLink}), {@code auto} for the one attached OpenMV cam
 * ({@link SerialPorts#autoPath()}, chosen again at every open so a cam that re-enumerates under
 * another name is found), and {@code SCHEME:…} for transports plugged in as
 * {@link LinkProvider}s. Providers are found with {@link ServiceLoader} on first use (a module
 * lists its class in {@code META-INF/services/io.omvcap.link.LinkProvider}; the replay module
 * does so for {@code sim:}), or registered at run time with {@link #register}. This module never
 * depends on the providers.
 */
public final class Transports {
    private static final Map<String, LinkProvider> PROVIDERS = new ConcurrentHashMap<>();
    private static volatile boolean loaded;

    private Transports() {
    }

    /**
     * Opens the link a spec names.
     *
     * @throws IllegalArgumentException for a malformed spec
     * @throws IOException              with a one-line message when the link cannot be opened
     *                                  ({@link PortUnavailableException} for the built-in transports)
     */
    public static ByteLink open(String spec) throws IOException {
        LinkSpec s = LinkSpec.parse(spec);
        switch (s.scheme()) {
            case LinkSpec.SERIAL:
                return SerialLink.open(s.target().equals(SerialPorts.AUTO) ? SerialPorts.autoPath() : s.target());
            case LinkSpec.TCP:
                return TcpLink.connect(s.host(), s.port());
            default:
                LinkProvider p = providers().get(s.scheme());
                if (p == null) {
                    throw new PortUnavailableException(Reason.MISSING, "no transport for '" + s.scheme() + ":' in '"
                            + spec + "' (known: " + String.join(", ", schemes()) + hint(s.scheme()) + ")");
                }
                return p.open(spec);
        }
    }

    /** Adds (or replaces) the provider for its scheme; the built-in schemes cannot be replaced. */
    public static void register(LinkProvider provider) {
        String scheme = provider.scheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals(LinkSpec.SERIAL) || scheme.equals(LinkSpec.TCP)) {
            throw new IllegalArgumentException("the '" + scheme + "' transport is built in");
        }
        providers();
        PROVIDERS.put(scheme, provider);
    }

    /** The schemes that can be opened, sorted: the built-ins and every provider's. */
    public static Set<String> schemes() {
        Set<String> out = new TreeSet<>(providers().keySet());
        out.add(LinkSpec.SERIAL);
        out.add(LinkSpec.TCP);
        return out;
    }

    private static Map<String, LinkProvider> providers() {
        if (!loaded) {
            synchronized (Transports.class) {
                if (!loaded) {
                    for (LinkProvider p : ServiceLoader.load(LinkProvider.class)) {
                        PROVIDERS.putIfAbsent(p.scheme().toLowerCase(java.util.Locale.ROOT), p);
                    }
                    loaded = true;
                }
            }
        }
        return PROVIDERS;
    }

    private static String hint(String scheme) {
        return scheme.equals("sim") ? "; the simulated cam comes with the omvcap replay module" : "";
    }
}
