// The container health check of every service (docker-compose.yml): healthy = live and ready.
//   node /app/infra/docker/probe.mjs http://127.0.0.1:7101
// /health/live: the process works (a failure there means only a restart helps); /health/ready: it
// can serve (MongoDB, Kafka producer and consumers). Compose has one health check per container and
// gates depends_on on it, so it asks both and says which one failed (docker inspect shows the line).
// Exit 0 healthy, 1 not. No dependencies: the slim image has node and nothing else (no curl).
const base = (process.argv[2] ?? 'http://127.0.0.1:7100').replace(/\/$/, '');
const timeoutMs = Number(process.argv[3] ?? 2000);

async function probe(path) {
  try {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    return { ok: response.ok, detail: `${response.status} ${(await response.text()).slice(0, 300)}` };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

const live = await probe('/health/live');
if (!live.ok) {
  console.log(`not live: ${live.detail}`);
  process.exit(1);
}
const ready = await probe('/health/ready');
console.log(ready.ok ? 'live and ready' : `live, not ready: ${ready.detail}`);
process.exit(ready.ok ? 0 : 1);
