// A small backend in another language: the todolist's tasks as a REST API on Node's own http module,
// publishing every change to rest-live after it is stored. The data lives in memory; a real backend
// publishes after its database transaction commits (or writes an outbox in that transaction).
//
//   REST_LIVE_BOOTSTRAP_SERVERS=127.0.0.1:9092 PORT=8010 node server.js
//   curl -X POST -H 'Content-Type: application/json' -d '{"text":"Buy milk","list":1}' http://127.0.0.1:8010/api/tasks/
import http from "node:http";
import { createLiveProducer } from "./live-producer.js";

const MODEL = "todolist.Task";
const port = Number(process.env.PORT ?? 8010);
// Ids start high so that they never collide with the Java example's tasks on the same stack.
let nextId = Number(process.env.FIRST_ID ?? 1_000_000);
const tasks = new Map();

const live = createLiveProducer({
  brokers: (process.env.REST_LIVE_BOOTSTRAP_SERVERS ?? "127.0.0.1:9092").split(","),
  topicPrefix: process.env.REST_LIVE_TOPIC_PREFIX ?? "rest-live.",
  // KAFKA_PARTITIONER=legacy publishes with kafkajs's LegacyPartitioner (its 1.x default).
  partitioner: process.env.KAFKA_PARTITIONER ?? "default",
});

// The fields rest-live's views read, the same shape as the REST API answers (as the seed's serializer).
const view = (task) => ({ id: task.id, text: task.text, done: task.done, list: task.list });

function validate(body, partial) {
  const errors = {};
  if (body.text !== undefined || !partial) {
    if (typeof body.text !== "string" || body.text.trim() === "") errors.text = ["This field may not be blank."];
    else if (body.text.length > 140) errors.text = ["Ensure this field has no more than 140 characters."];
  }
  if (body.done !== undefined && typeof body.done !== "boolean") errors.done = ["Must be a valid boolean."];
  if (body.list !== undefined || !partial) {
    if (!Number.isInteger(body.list)) errors.list = ["This field is required."];
  }
  return errors;
}

async function handle(request, body) {
  const match = request.url.match(/^\/api\/tasks\/(?:(\d+)\/)?$/);
  if (!match) return [404, { detail: "Not found." }];
  const id = match[1] === undefined ? undefined : Number(match[1]);
  if (id === undefined) {
    if (request.method === "GET") return [200, [...tasks.values()].map(view)];
    if (request.method !== "POST") return [405, { detail: `Method "${request.method}" not allowed.` }];
    const errors = validate(body, false);
    if (Object.keys(errors).length) return [400, errors];
    const task = { id: nextId++, text: body.text, done: body.done ?? false, list: body.list, version: 0 };
    tasks.set(task.id, task);
    await live.publish(MODEL, task.id, view(task), task.version);
    return [201, view(task)];
  }
  const task = tasks.get(id);
  if (!task) return [404, { detail: "No Task matches the given query." }];
  switch (request.method) {
    case "GET":
      return [200, view(task)];
    case "PUT":
    case "PATCH": {
      const errors = validate(body, request.method === "PATCH");
      if (Object.keys(errors).length) return [400, errors];
      for (const field of ["text", "done", "list"]) if (body[field] !== undefined) task[field] = body[field];
      task.version += 1;
      await live.publish(MODEL, task.id, view(task), task.version);
      return [200, view(task)];
    }
    case "DELETE":
      tasks.delete(id);
      await live.delete(MODEL, id, task.version + 1);
      return [204, undefined];
    default:
      return [405, { detail: `Method "${request.method}" not allowed.` }];
  }
}

const server = http.createServer((request, response) => {
  let raw = "";
  request.on("data", (chunk) => (raw += chunk));
  request.on("end", async () => {
    let status;
    let answer;
    try {
      const body = raw === "" ? {} : JSON.parse(raw);
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        [status, answer] = [400, { detail: "The body must be a JSON object." }];
      } else {
        [status, answer] = await handle(request, body);
      }
    } catch (error) {
      [status, answer] = error instanceof SyntaxError
        ? [400, { detail: `JSON parse error - ${error.message}` }]
        : [503, { detail: `could not publish the change: ${error.message}` }];
    }
    response.writeHead(status, answer === undefined ? {} : { "Content-Type": "application/json" });
    response.end(answer === undefined ? undefined : JSON.stringify(answer));
  });
});

await live.connect();
server.listen(port, "127.0.0.1", () => console.log(`node backend listening on http://127.0.0.1:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    server.close();
    await live.disconnect();
    process.exit(0);
  });
}
