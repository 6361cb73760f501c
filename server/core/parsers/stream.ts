/**
 * Splits the collection stream (format in server/collect/script.ts) into sections. Pure and
 * tolerant: a section cut off by a dropped connection is reported, never thrown. The `ip <ns>`
 * batch sections of stream v2 come out as the same per-command parts v1 printed one by one.
 */

import { expandIpBatch } from './ip-batch';

export interface Section {
  part: string;
  /** Bridge or namespace name; undefined for host-wide parts and the root namespace. */
  arg?: string;
  stdout: string;
  stderr: string;
  /** Exit status; null when the END marker never arrived. */
  rc: number | null;
}

export interface SplitStream {
  /** Stream format version from the header line; null when the header is missing. */
  version: number | null;
  sections: Section[];
}

const HEADER = /^@@PATCHBAY:STREAM v(\d+)@@$/m;
const BEGIN = /^@@PATCHBAY:BEGIN ([^\s@]+)(?: ([^\n]*?))?@@$/gm;
const STDERR_MARK = '\n@@PATCHBAY:STDERR@@\n';

export function splitStream(raw: string): SplitStream {
  const text = raw.replace(/\r\n/g, '\n');
  const header = HEADER.exec(text);
  const sections: Section[] = [];
  const begins = [...text.matchAll(BEGIN)];
  for (const [i, m] of begins.entries()) {
    const part = m[1] ?? '';
    const arg = m[2] || undefined;
    const bodyStart = (m.index ?? 0) + m[0].length + 1;
    const next = begins[i + 1]?.index ?? text.length;
    const endMark = `\n@@PATCHBAY:END ${arg === undefined ? part : `${part} ${arg}`} rc=`;
    const endAt = text.indexOf(endMark, bodyStart - 1);
    if (endAt === -1 || endAt > next) {
      const cut = { part, arg, stdout: text.slice(bodyStart, next).replace(/\n$/, ''), stderr: '', rc: null };
      if (part === 'ip') sections.push(...expandIpBatch(cut));
      else sections.push(cut);
      continue;
    }
    const rcText = /^(\d+)@@/.exec(text.slice(endAt + endMark.length));
    const body = text.slice(bodyStart, endAt);
    // The script prints one newline before each marker: it belongs to the marker, not the output.
    const errAt = body.lastIndexOf(STDERR_MARK);
    const stdout = errAt === -1 ? body : body.slice(0, errAt);
    const stderr = errAt === -1 ? '' : body.slice(errAt + STDERR_MARK.length);
    const section = { part, arg, stdout, stderr, rc: rcText ? Number(rcText[1]) : null };
    if (part === 'ip') sections.push(...expandIpBatch(section));
    else sections.push(section);
  }
  return { version: header ? Number(header[1]) : null, sections };
}
