/**
 * The {@code omvcap} command: a thin layer that parses arguments, calls the library modules and
 * prints results (data on stdout, logs and errors on stderr, one line per error).
 */
package io.omvcap.cli;
