/** Where a scan of JSON text is: the containers it is in, each with the key or index of the value being read. */
interface Frame {
  kind: 'object' | 'array';
  key: string | undefined;
  index: number;
  expectingKey: boolean;
}

export type JsonScan = { kind: 'ok' } | { kind: 'tooDeep'; path: string } | { kind: 'endedInString'; path: string; inKey: boolean };

function keyText(escaped: string): string {
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}

/** The path of the value the scan is at, in the names validation uses (`traces[3].metadata.a`); '' at the top. */
function pathOf(stack: readonly Frame[]): string {
  let path = '';
  for (const frame of stack) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else if (frame.key !== undefined) path = path ? `${path}.${frame.key}` : frame.key;
  }
  return path;
}

/**
 * One pass over JSON text without building it, in constant stack: stops where containers nest deeper than `maxDepth`
 * (before JSON.parse or any recursive walk could run out of stack), or says in which value the text ends inside a
 * string (where a prefix of a body stops at an invalid byte). It does not check the grammar; JSON.parse does.
 */
export function scanJson(text: string, maxDepth: number): JsonScan {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === 0x22) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      const top = stack[stack.length - 1];
      const inKey = top?.kind === 'object' && top.expectingKey;
      if (end === -1) return { kind: 'endedInString', path: pathOf(stack), inKey };
      if (inKey) top.key = keyText(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (char === 0x7b || char === 0x5b) {
      if (stack.length >= maxDepth) return { kind: 'tooDeep', path: pathOf(stack) };
      stack.push({ kind: char === 0x7b ? 'object' : 'array', key: undefined, index: 0, expectingKey: char === 0x7b });
    } else if (char === 0x7d || char === 0x5d) {
      stack.pop();
    } else if (char === 0x3a) {
      const top = stack[stack.length - 1];
      if (top) top.expectingKey = false;
    } else if (char === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index += 1;
      else if (top) top.expectingKey = true;
    }
    i += 1;
  }
  return { kind: 'ok' };
}

/** A quote is escaped when an odd number of backslashes stands right before it. */
function isEscaped(text: string, quoteAt: number): boolean {
  let backslashes = 0;
  for (let j = quoteAt - 1; j >= 0 && text.charCodeAt(j) === 0x5c; j -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}
