package io.omvcap.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns any exception into the one-line message the user sees. */
final class ErrorReport {
    private ErrorReport() {
    }

    static String oneLine(Throwable t) {
        String msg;
        if (t instanceof NoSuchFileException e) {
            msg = e.getFile() + ": no such file or directory";
        } else if (t instanceof AccessDeniedException e) {
            msg = e.getFile() + ": permission denied";
        } else if (t instanceof FileAlreadyExistsException e) {
            msg = e.getFile() + ": already exists";
        } else if (t instanceof NotDirectoryException e) {
            msg = e.getFile() + ": not a directory";
        } else if (t instanceof FileNotFoundException) {
            msg = t.getMessage();
        } else if (t instanceof OutOfMemoryError) {
            msg = "out of memory (" + t.getMessage() + "); raise -Xmx or lower buffer sizes";
        } else {
            msg = t.getMessage();
            if (msg == null || msg.isBlank()) {
                msg = t.getClass().getSimpleName();
            } else if (!(t instanceof java.io.IOException) && t.getClass().getName().startsWith("java.")) {
                msg = t.getClass().getSimpleName() + ": " + msg;
            }
        }
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }
}
