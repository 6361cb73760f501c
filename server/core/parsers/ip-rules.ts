import { z } from 'zod';
import { ruleId, uniquifyIds } from '../model/identity';
import type { Rule } from '../model/schema';
import { type ArrayParse, parseJsonArray } from './json-array';

const IpRule = z.looseObject({
  priority: z.number(),
  table: z.union([z.string(), z.number()]).optional(),
  action: z.string().optional(),
  target: z.number().optional(),
});

/**
 * Keys that describe the action or are printed for every rule, not the selector (`protocol`, who
 * installed the rule, is printed with -details).
 */
const NOT_SELECTOR = new Set(['priority', 'table', 'action', 'target', 'flags', 'protocol']);

/** Parses `ip -json -<4|6> rule show` of namespace `ns`. */
export function parseIpRules(text: string, ns: string, family: 'inet' | 'inet6'): ArrayParse<Rule> {
  const parsed = parseJsonArray(text, IpRule, `rule ${family}`);
  const rules = parsed.items.map((r): Rule => {
    const selector: Rule['selector'] = {};
    for (const [key, value] of Object.entries(r)) {
      if (NOT_SELECTOR.has(key)) continue;
      // ip prints flag selectors such as `not` as JSON null.
      if (value === null) selector[key] = true;
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        selector[key] = value;
    }
    const table = r.table === undefined ? undefined : String(r.table);
    // ip prints `action` only for non-lookup rules (goto, nop, unreachable, blackhole, prohibit).
    const action = r.action ?? (table === undefined ? 'nop' : 'lookup');
    return {
      id: ruleId(
        ns,
        family,
        r.priority,
        table ?? (r.target === undefined ? action : `${action}:${r.target}`),
      ),
      family,
      priority: r.priority,
      selector,
      action,
      ...(table === undefined ? {} : { table }),
    };
  });
  return { items: uniquifyIds(rules), errors: parsed.errors };
}
