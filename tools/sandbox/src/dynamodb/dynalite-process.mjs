// dynalite in a process of its own (forked by DynamoBackend): the storage engine gets a core of its own, as the
// IAM front, API Gateway and the Lambda service share the sandbox's thread. Plain JS, so it starts without a
// TypeScript loader. Tells the parent its port; closes the database (LevelDB flushes) on 'close' or when the
// parent goes away.
import dynalite from 'dynalite';

const path = process.env.DYNALITE_PATH || undefined;
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) });

// dynalite validates inside its request's 'end' listener and throws on some shapes it does not expect (e.g. a null
// attribute value), which would be an uncaught exception that ends the process. Run those listeners guarded and
// answer such a request as DynamoDB answers a malformed one.
const handlers = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (req, res) => {
  const on = req.on.bind(req);
  req.on = (event, listener) =>
    on(event, (...args) => {
      try {
        listener(...args);
      } catch (error) {
        if (res.headersSent) return;
        const body = JSON.stringify({
          __type: 'com.amazon.coral.service#SerializationException',
          message: `The request has a value of an unexpected type (${error instanceof Error ? error.message : String(error)}).`,
        });
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      }
    });
  for (const handler of handlers) handler.call(server, req, res);
});

let closing = false;
function close() {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
}

server.once('error', (error) => {
  process.send?.({ type: 'error', message: error.message });
  process.exit(1);
});
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: server.address().port }));
process.on('message', (message) => {
  if (message?.type === 'close') close();
});
// The sandbox went away (even killed): the storage engine never outlives it.
process.on('disconnect', close);
