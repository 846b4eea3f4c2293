/**
 * Unattended capture: drives a cam through {@link io.omvcap.host.Camera}, archives every byte,
 * packet and decoded payload through {@link io.omvcap.archive.SessionWriter}, reconnects after
 * resets and unplugs, rotates files, guards the disk.
 */
package io.omvcap.record;
