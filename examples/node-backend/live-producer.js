// Publishes entity changes to rest-live as JSON envelopes (docs/publishing.md#other-languages).
// Every change of one entity carries the key "<model>|<pk as JSON>", so all of them land in one partition,
// in order (the processor would route them right anyway); the producer is idempotent and waits for every
// in-sync replica (acks=all), as producer-lib does.
import { Kafka, Partitioners, logLevel } from "kafkajs";

export function createLiveProducer({ brokers, topicPrefix = "rest-live.", clientId = "rest-live-node",
                                    partitioner = "default" }) {
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
  // Any partitioner works: the processor routes each change to its entity's partition itself. The default
  // hashes keys as Java's producer does (murmur2), which saves that hop; "legacy" is kafkajs 1.x's.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: partitioner === "legacy" ? Partitioners.LegacyPartitioner : Partitioners.DefaultPartitioner,
  });
  const topic = `${topicPrefix}changes`;

  async function send(envelope) {
    if (typeof envelope.model !== "string" || envelope.model === "") {
      throw new TypeError("model must be a non-empty string such as 'todolist.Task'");
    }
    if (!(typeof envelope.pk === "string" || Number.isInteger(envelope.pk))) {
      throw new TypeError(`pk must be an integer or a string, not ${JSON.stringify(envelope.pk)}`);
    }
    const key = `${envelope.model}|${JSON.stringify(envelope.pk)}`;
    await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify(envelope) }] });
  }

  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    /** The full state of an entity after a change; version grows per entity (omit it if you have none). */
    publish: (model, pk, instance, version) => {
      if (instance === null || typeof instance !== "object" || Array.isArray(instance)) {
        return Promise.reject(new TypeError("instance must be an object: the entity's full state"));
      }
      return send({ model, pk, op: "UPSERT", instance, ...(version === undefined ? {} : { version }) });
    },
    delete: (model, pk, version) => send({ model, pk, op: "DELETE", ...(version === undefined ? {} : { version }) }),
  };
}
