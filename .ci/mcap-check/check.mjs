// Reads one MCAP file with the reference TypeScript readers (@mcap/core, CRCs validated) and
// prints a JSON summary on stdout. Exits non-zero, with the error on stderr, if anything fails.
//
// usage: node check.mjs FILE.mcap
import { McapIndexedReader, McapStreamReader } from "@mcap/core";
import { loadDecompressHandlers } from "@mcap/support";
import { open, readFile } from "node:fs/promises";
import zlib from "node:zlib";

function increment(map, key, by = 1) {
  map[key] = (map[key] ?? 0) + by;
}

async function streamRead(bytes, decompressHandlers) {
  const reader = new McapStreamReader({ validateCrcs: true, decompressHandlers });
  reader.append(bytes);
  const records = {};
  const topics = new Map();
  const messagesByTopic = {};
  let dataEnd;
  let footer;
  for (let record; (record = reader.nextRecord()); ) {
    increment(records, record.type);
    if (record.type === "Channel") {
      topics.set(record.id, record.topic);
    } else if (record.type === "Message") {
      increment(messagesByTopic, topics.get(record.channelId));
    } else if (record.type === "DataEnd") {
      dataEnd = record;
    } else if (record.type === "Footer") {
      footer = record;
    }
  }
  if (!reader.done()) {
    throw new Error(`stream reader stopped before the end (${reader.bytesRemaining()} bytes unparsed)`);
  }
  if (dataEnd && footer && dataEnd.dataSectionCrc !== 0 && footer.summaryStart !== 0n) {
    const dataEndOffset = Number(footer.summaryStart) - 13;
    const crc = zlib.crc32(bytes.subarray(0, dataEndOffset));
    if (crc !== dataEnd.dataSectionCrc) {
      throw new Error(`data section CRC ${crc} does not match DataEnd ${dataEnd.dataSectionCrc}`);
    }
  }
  return { records, messagesByTopic };
}

async function indexedRead(file, size, decompressHandlers) {
  const handle = await open(file, "r");
  try {
    const readable = {
      size: async () => BigInt(size),
      read: async (offset, length) => {
        const buffer = Buffer.alloc(Number(length));
        const { bytesRead } = await handle.read(buffer, 0, Number(length), Number(offset));
        if (bytesRead !== Number(length)) {
          throw new Error(`short read at ${offset}`);
        }
        return buffer;
      },
    };
    const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers });
    const messagesByTopic = {};
    let messages = 0;
    let previous = -1n;
    for await (const message of reader.readMessages()) {
      if (message.logTime < previous) {
        throw new Error(`indexed messages out of log time order at ${message.logTime}`);
      }
      previous = message.logTime;
      messages++;
      increment(messagesByTopic, reader.channelsById.get(message.channelId).topic);
    }
    let attachments = 0;
    for await (const attachment of reader.readAttachments()) {
      void attachment;
      attachments++;
    }
    let metadata = 0;
    for await (const record of reader.readMetadata()) {
      void record;
      metadata++;
    }
    const s = reader.statistics;
    return {
      header: { profile: reader.header.profile, library: reader.header.library },
      messages,
      messagesByTopic,
      attachments,
      metadata,
      chunks: reader.chunkIndexes.length,
      compressions: [...new Set(reader.chunkIndexes.map((c) => c.compression))].sort(),
      schemas: reader.schemasById.size,
      channels: reader.channelsById.size,
      statistics: s && {
        messageCount: Number(s.messageCount),
        chunkCount: s.chunkCount,
        attachmentCount: s.attachmentCount,
        metadataCount: s.metadataCount,
        channelCount: s.channelCount,
        schemaCount: s.schemaCount,
        messageStartTime: s.messageStartTime.toString(),
        messageEndTime: s.messageEndTime.toString(),
      },
    };
  } finally {
    await handle.close();
  }
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    throw new Error("usage: node check.mjs FILE.mcap");
  }
  const bytes = await readFile(file);
  const decompressHandlers = await loadDecompressHandlers();
  const stream = await streamRead(bytes, decompressHandlers);
  const indexed = await indexedRead(file, bytes.length, decompressHandlers);
  process.stdout.write(JSON.stringify({ file, size: bytes.length, stream, indexed }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`mcap-check: ${error?.stack ?? error}\n`);
  process.exit(1);
});
