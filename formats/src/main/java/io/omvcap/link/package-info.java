/**
 * Byte links: the one interface every transport implements (serial port, TCP socket,
 * pseudo-terminal, in-process pipe), and the tap that sees every byte crossing a link.
 */
package io.omvcap.link;
