package io.omvcap.cli.commands;

import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.mcap.McapFormatException;
import java.io.IOException;
import java.nio.file.Path;

/** Puts the file's name in front of a format error, so the one-line message says which file. */
final class ArchiveErrors {
    /** Work on one archive file. */
    interface FileWork<T> {
        T run() throws Exception;
    }

    private ArchiveErrors() {
    }

    /** Runs {@code work}; a malformed-file error comes back as "FILE: problem at offset N". */
    static <T> T naming(Path file, FileWork<T> work) throws Exception {
        try {
            return work.run();
        } catch (McapFormatException | ArchiveFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
