// One Lambda execution environment: loads the handler once (the "init" phase), then runs one
// invocation at a time for the parent (LambdaWorker) over IPC. Plain JS so a worker starts as
// fast as a real Node runtime does, without a TypeScript loader.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const handlerSpec = process.env._HANDLER ?? '';
let currentRequestId = undefined;
const jsonLogs = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON';

// The Node runtime prefixes console output with time, request id and level (or writes JSON with
// LogFormat JSON); do the same so captured logs read like CloudWatch's.
for (const [method, level, stream] of [
  ['log', 'INFO', process.stdout],
  ['info', 'INFO', process.stdout],
  ['debug', 'DEBUG', process.stdout],
  ['warn', 'WARN', process.stderr],
  ['error', 'ERROR', process.stderr],
  ['trace', 'TRACE', process.stderr],
]) {
  console[method] = (...args) => {
    const timestamp = new Date().toISOString();
    const message = format(...args);
    stream.write(
      jsonLogs
        ? `${JSON.stringify({ timestamp, level, requestId: currentRequestId, message })}\n`
        : `${timestamp}\t${currentRequestId ?? 'undefined'}\t${level}\t${message}\n`,
    );
  };
}

function send(message) {
  if (process.connected) process.send(message);
}

/** Waits until what the invocation wrote to stdout/stderr is handed to the pipes, so its logs precede END. */
function flushOutput() {
  return Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))),
  );
}

function describe(error) {
  if (error instanceof Error) return { errorType: asText(error.name || 'Error'), errorMessage: asText(error.message) };
  return { errorType: 'Error', errorMessage: format(error) };
}

/** Text only: the IPC's V8 serialization throws on what it cannot clone (a function on an odd error's message). */
function asText(value) {
  return typeof value === 'string' ? value : format(value);
}

/** `dir/file.export` -> the module file (.js, .mjs or .cjs, as the Node runtime tries them) and export name. */
async function loadHandler() {
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0 || dot === handlerSpec.length - 1) {
    throw Object.assign(new Error(`Bad handler ${handlerSpec}: expected <file>.<export>`), {
      name: 'Runtime.MalformedHandlerName',
    });
  }
  const modulePath = handlerSpec.slice(0, dot);
  const exportName = handlerSpec.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(taskRoot, modulePath + ext)).find((f) => existsSync(f));
  if (!file) {
    throw Object.assign(new Error(`Cannot find module '${modulePath}' in ${taskRoot}`), {
      name: 'Runtime.ImportModuleError',
    });
  }
  const mod = await import(pathToFileURL(file).href);
  const fn = mod[exportName] ?? mod.default?.[exportName];
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(`${modulePath}.${exportName} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return fn;
}

function makeContext(invoke) {
  const { context } = invoke;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    awsRequestId: context.awsRequestId,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, context.deadlineMs - Date.now()),
  };
}

function callHandler(fn, event, context) {
  // Callback-style handlers (three parameters) are still found in the wild; async ones return a promise.
  if (fn.length >= 3) {
    return new Promise((resolve, reject) => {
      const maybe = fn(event, context, (err, result) => (err ? reject(err) : resolve(result)));
      if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
    });
  }
  return Promise.resolve().then(() => fn(event, context));
}

const initStarted = Date.now();
const handlerPromise = loadHandler();
handlerPromise.then(
  () => send({ type: 'ready', initDurationMs: Date.now() - initStarted }),
  (error) => send({ type: 'init-error', error: describe(error), initDurationMs: Date.now() - initStarted }),
);

// The sandbox went away (even killed): an execution environment never outlives its service.
process.on('disconnect', () => process.exit(0));

process.on('message', async (message) => {
  if (!message || message.type !== 'invoke') return;
  currentRequestId = message.context.awsRequestId;
  try {
    const fn = await handlerPromise;
    // The event arrives as JSON text, as Lambda delivers it: undefined members are gone, dates are strings.
    const result = await callHandler(fn, JSON.parse(message.eventJson), makeContext(message));
    // Lambda serialises the result as JSON: undefined becomes null.
    const payload = JSON.stringify(result === undefined ? null : result);
    await flushOutput();
    send({ type: 'result', id: message.id, ok: true, payload });
  } catch (error) {
    await flushOutput();
    send({ type: 'result', id: message.id, ok: false, error: describe(error) });
  } finally {
    currentRequestId = undefined;
  }
});
