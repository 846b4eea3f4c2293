/**
 * The OpenMV protocol v2 wire format: framed packets, CRCs, flags, opcodes and status codes, an
 * encoder and a streaming decoder. Pure logic, no I/O: bytes in, packets out.
 */
package io.omvcap.wire;
