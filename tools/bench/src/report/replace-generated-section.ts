import { BenchError } from '../errors';

/**
 * `text` with everything between `<!-- <name>:start -->` and `<!-- <name>:end -->` replaced by `content`; the
 * markers stay, so the next run replaces it again. Missing or repeated markers are an error naming the file.
 */
export function replaceGeneratedSection(text: string, name: string, content: string, file: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from || text.indexOf(start, from + 1) !== -1 || text.indexOf(end, to + 1) !== -1) {
    throw new BenchError(
      'InvalidArgument',
      `${file} needs exactly one "${start}" followed by one "${end}" where the generated table goes`,
    );
  }
  return `${text.slice(0, from + start.length)}\n\n${content.trim()}\n\n${text.slice(to)}`;
}
