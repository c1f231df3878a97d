// node --test's results as one JSON line per test, for PageScriptTests (C#) to show each as a result of its own:
// {"file", "name", "ok", "ms", "message"}. Suites (describe) are not results; a file that fails to load is one, named
// "(loading the file)", with what the file wrote to stderr as its message.
import path from 'node:path';

export default async function* jsonLines(source) {
  const stderr = new Map();
  for await (const { type, data } of source) {
    if (type === 'test:stderr') stderr.set(data.file, (stderr.get(data.file) ?? '') + data.message);
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    if (data.details?.type === 'suite') continue;
    const whole = data.file && data.name === data.file;
    const error = data.details?.error;
    const cause = error?.cause ?? error;
    const message = type === 'test:pass' ? '' : whole ? stderr.get(data.file) ?? String(cause) : String(cause?.stack ?? cause?.message ?? cause ?? 'failed');
    yield JSON.stringify({ file: data.file ? path.basename(data.file) : '', name: whole ? '(loading the file)' : data.name, ok: type === 'test:pass', ms: data.details?.duration_ms ?? 0, message }) + '\n';
  }
}
