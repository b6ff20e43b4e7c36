// Independent client for RegistryEndToEndTest: kafkajs + @kafkajs/confluent-schema-registry, nobody here wrote them.
// Registers ImageEvent (schemas/ImageEvent.avsc) under <input topic>-value, sends one event framed with that id,
// then reads the classifications topic, decoding every value by the schema id it carries, through the same registry,
// and prints one JSON line per result: {"event_id", "label", "schema_id"}. Exits when EVENT_ID's result is read.
const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

const env = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set`);
  return process.env[name];
};

async function main() {
  const registry = new SchemaRegistry({ host: env('REGISTRY_URL') });
  const kafka = new Kafka({ brokers: env('BOOTSTRAP').split(','), clientId: 'kafkajs-interop', logLevel: logLevel.NOTHING });
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: fs.readFileSync(env('IMAGE_EVENT_SCHEMA'), 'utf8') },
    { subject: `${env('INPUT_TOPIC')}-value` });
  const event = {
    event_id: env('EVENT_ID'),
    source_id: 'kafkajs',
    captured_at: Date.now() - 60000,
    content_type: null,
    image: fs.readFileSync(env('IMAGE_FILE')),
    image_uri: null,
    attributes: { writer: 'kafkajs' },
  };
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: env('INPUT_TOPIC'), messages: [{ key: 'kafkajs', value: await registry.encode(id, event) }] });
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `kafkajs-interop-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic: env('OUTPUT_TOPIC'), fromBeginning: true });
  const timeout = setTimeout(async () => { console.error('timed out'); process.exit(2); }, 120000);
  await consumer.run({
    eachMessage: async ({ message }) => {
      const result = await registry.decode(message.value);
      console.log(JSON.stringify({ event_id: result.event_id, label: result.top_k[0].label,
        schema_id: message.value.readInt32BE(1) }));
      if (result.event_id === env('EVENT_ID')) {
        clearTimeout(timeout);
        process.exit(0); // not consumer.disconnect(): from inside eachMessage it waits for this very handler
      }
    },
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
