#!/usr/bin/env python3
"""Independent reader for RegistryEndToEndTest: librdkafka (python3-confluent-kafka) + python3-avro, nobody here wrote them.

Reads every record of a topic from the beginning (read_committed) up to its end offsets, takes the schema id from each
value's registry framing (magic byte 0, 4-byte big-endian id), fetches that writer schema from the registry's REST API
(GET /schemas/ids/{id}) and decodes the Avro body with it. Prints one JSON line per record:
{"offset", "schema_id", "event_id", "label"}.

usage: read_results.py BOOTSTRAP REGISTRY_URL TOPIC [EXPECTED_COUNT]
"""
import io
import json
import struct
import sys
import time
import urllib.request

import avro.io
import avro.schema
from confluent_kafka import Consumer, TopicPartition


def main(bootstrap, registry_url, topic, expected=None):
    expected = None if expected is None else int(expected)
    schemas = {}

    def writer_schema(schema_id):
        if schema_id not in schemas:
            with urllib.request.urlopen(f"{registry_url}/schemas/ids/{schema_id}") as response:
                schemas[schema_id] = avro.schema.parse(json.load(response)["schema"])
        return schemas[schema_id]

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "python-interop", "enable.auto.commit": False,
                         "isolation.level": "read_committed"})
    metadata = consumer.list_topics(topic, timeout=30)
    partitions = [TopicPartition(topic, p, 0) for p in metadata.topics[topic].partitions]
    ends = {p.partition: consumer.get_watermark_offsets(p, timeout=30)[1] for p in partitions}
    consumer.assign(partitions)

    def finished():  # positions at the end offsets (transaction markers occupy offsets too), or `expected` read
        if expected is not None and read >= expected:
            return True
        return all(p.offset >= ends[p.partition] or ends[p.partition] == 0 for p in consumer.position(partitions))

    read = 0
    deadline = time.monotonic() + 120
    while not finished():
        if time.monotonic() > deadline:
            raise TimeoutError(f"read {read} records, not at the end offsets {ends} after 120 s")
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            raise RuntimeError(message.error())
        value = message.value()
        magic, schema_id = struct.unpack(">bI", value[:5])
        if magic != 0:
            raise ValueError(f"offset {message.offset()}: not registry-framed (first byte {magic})")
        record = avro.io.DatumReader(writer_schema(schema_id)).read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))
        top = record.get("top_k") or [{}]
        print(json.dumps({"offset": message.offset(), "schema_id": schema_id, "event_id": record["event_id"],
                          "label": top[0].get("label")}), flush=True)
        read += 1
    consumer.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
