/** Pseudo-terminals through libc via JNA: a fake serial port for hosts, with no external tools. */
package io.omvcap.pty;
