// The framework's limit on this machine: a bare Fastify route returning a constant, in its own process, with no
// plugins, hooks or logging. Started by bench/http.ts on PORT; says "listening" on stdout when ready.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const constant = { ok: true };
app.get('/', async () => constant);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
