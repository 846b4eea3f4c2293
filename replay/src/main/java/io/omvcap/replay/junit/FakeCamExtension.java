package io.omvcap.replay.junit;

import io.omvcap.link.ByteLink;
import io.omvcap.replay.Divergence;
import io.omvcap.replay.Replay;
import io.omvcap.replay.Speed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the {@link FakeCam} of a test: starts the replay before the test, injects it, stops it
 * after the test (and fails the test on strict-mode divergences when asked to).
 */
public final class FakeCamExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FakeCamExtension.class);
    private static final String KEY = "replay";

    /** The running fake cam and how it was asked for; {@link #afterEach} closes it. */
    private record Running(Replay replay, FakeCam spec, String port) {
        void close() throws IOException {
            replay.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FakeCam spec = find(context).orElseThrow(() -> new IllegalStateException("no @FakeCam on " + context.getDisplayName()));
        List<Path> files = new ArrayList<>();
        for (String s : spec.session()) {
            files.add(locate(s));
        }
        Replay.Builder b = Replay.open(files).mode(spec.mode()).speed(Speed.parse(spec.speed())).loop(spec.loop())
                .faults(spec.faults()).seed(spec.seed()).onDivergence(spec.onDivergence());
        Replay replay;
        String port;
        switch (spec.transport()) {
            case PTY -> {
                Path link = spec.link().isEmpty() ? null : Path.of(spec.link());
                replay = b.pty(link);
                port = link != null ? link.toString() : replay.slavePath();
            }
            case TCP -> {
                replay = b.tcp("127.0.0.1", 0);
                port = "tcp://127.0.0.1:" + replay.tcpPort();
            }
            default -> {
                replay = b.inProcess();
                port = replay.endpoint();
            }
        }
        context.getStore(NS).put(KEY, new Running(replay, spec, port));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Running r = context.getStore(NS).remove(KEY, Running.class);
        if (r == null) {
            return;
        }
        r.close();
        if (r.spec().failOnDivergence() && context.getExecutionException().isEmpty()) {
            List<Divergence> d = r.replay().divergences();
            if (!d.isEmpty()) {
                throw new AssertionError("the host diverged from the recording " + d.size() + " time(s); first: "
                        + d.get(0).describe());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        return find(context).isPresent() && (type == Replay.class || type == ByteLink.class
                || p.isAnnotated(FakeCamPort.class) && (type == String.class || type == Path.class));
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        Running r = context.getStore(NS).get(KEY, Running.class);
        if (r == null) {
            throw new ParameterResolutionException("the fake cam is not running (only test methods get one)");
        }
        Class<?> type = p.getParameter().getType();
        if (type == Replay.class) {
            return r.replay();
        }
        if (type == ByteLink.class) {
            if (r.spec().transport() != FakeCam.Transport.IN_PROCESS) {
                throw new ParameterResolutionException("a ByteLink needs @FakeCam(transport = IN_PROCESS)");
            }
            return r.replay().hostLink();
        }
        return type == Path.class ? Path.of(r.port()) : r.port();
    }

    private static Optional<FakeCam> find(ExtensionContext context) {
        Optional<FakeCam> onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, FakeCam.class));
        return onMethod.isPresent() ? onMethod
                : context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, FakeCam.class));
    }

    /** {@code name} as given when it exists, else under the working directory or one of its parents. */
    static Path locate(String name) throws IOException {
        Path p = Path.of(name);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(name, null, "not found in the working directory or its parents");
    }
}
