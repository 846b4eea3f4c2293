package io.omvcap.mcap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locations the tests share: the shared reference folder and the repository root. */
final class TestFiles {
    private TestFiles() {
    }

    /** The repository root: the parent of the {@code formats} module the tests run in. */
    static Path repoRoot() {
        Path cwd = Paths.get("").toAbsolutePath();
        return Files.exists(cwd.resolve("formats")) ? cwd : cwd.getParent();
    }

    /** The shared folder from {@code -Domvcap.shared.dir}, else {@code <repo>/../shared}. */
    static Path sharedDir() {
        String prop = System.getProperty("omvcap.shared.dir");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop);
        }
        return repoRoot().resolveSibling("shared");
    }
}
