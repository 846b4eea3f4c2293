/**
 * The session archive: the omvcap topic layout over MCAP ({@code docs/archive-format.md}),
 * written by {@link io.omvcap.archive.SessionWriter} and read by
 * {@link io.omvcap.archive.SessionReader}. Nothing else in the project writes MCAP records.
 */
package io.omvcap.archive;
