/**
 * CBOR telemetry of {@code protocol.CBORChannel} channels: a CBOR array of maps with SenML-style
 * integer keys (negative keys included), decoded into typed fields, and the host's write updates.
 */
package io.omvcap.telemetry;
