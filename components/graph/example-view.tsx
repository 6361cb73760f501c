'use client';
import { type ReactNode, useMemo } from 'react';
import type { HostModel } from '@/server/core/model';
import { TopologyView } from './topology-view';

/**
 * What the example is, without the label's hint ("— add a host to see yours"), which suits only
 * admins: elsewhere the next step is signing in, or asking an admin.
 */
export function exampleTitle(label: string): string {
  return label.split(' — ')[0] ?? label;
}

/**
 * The bundled example topology with a banner saying what it is and, in `next`, what to do next:
 * `/example` for visitors who are not signed in, and `/` until a host is added. It reaches no host
 * and no stored data: the model comes with the page, and the view gets no refresh controls (the
 * only calls TopologyView could make), so this component makes no API call at all.
 */
export function ExampleView(props: {
  example: HostModel;
  exampleLabel: string;
  next: ReactNode;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}) {
  const models = useMemo(() => [props.example], [props.example]);
  const title = exampleTitle(props.exampleLabel);
  return (
    <TopologyView
      models={models}
      urlHosts={null}
      initial={props.initial}
      banner={
        <span data-testid="example-banner">
          {title}. {props.next}
        </span>
      }
      testHandle={props.testHandle}
    />
  );
}
