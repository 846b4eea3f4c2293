package io.omvcap.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A PATH for child processes with some programs taken away: a temporary folder of symbolic links
 * to every executable on this process's PATH (the first of each name, as a shell finds it) except
 * the dropped names. {@link #close()} removes the links (never their targets).
 */
final class ToolPath implements AutoCloseable {
    private final Path dir;

    private ToolPath(Path dir) {
        this.dir = dir;
    }

    /** A new folder of links to every program on PATH whose name {@code dropped} does not match. */
    static ToolPath without(Predicate<String> dropped) throws IOException {
        Path dir = Files.createTempDirectory("omvcap-path");
        Set<String> seen = new HashSet<>();
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path folder = Path.of(entry.isEmpty() ? "." : entry);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!dropped.test(name) && Files.isExecutable(f) && !Files.isDirectory(f) && seen.add(name)) {
                        Files.createSymbolicLink(dir.resolve(name), f.toAbsolutePath());
                    }
                }
            }
        }
        return new ToolPath(dir);
    }

    /** The value for PATH. */
    String path() {
        return dir.toString();
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> links = Files.list(dir)) {
            for (Path l : links.toList()) {
                Files.delete(l);
            }
        }
        Files.delete(dir);
    }
}
