/**
 * JS source declaring `ask(request)`: a child script's request to the bench process over IPC (`runNodeScript`'s
 * `serve`), answered with its result or rejected with its error. Shared text like LAMBDA_CONTEXT_SOURCE.
 */
export const IPC_ASK_SOURCE = `let nextId = 0;
const pending = new Map();
process.on('message', (m) => {
  const waiting = pending.get(m.id);
  pending.delete(m.id);
  if (m.error !== undefined) waiting.reject(new Error(m.error));
  else waiting.resolve(m.result);
});
const ask = (request) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, { resolve, reject });
  process.send({ id, request });
});`;
