/**
 * The relations the graph draws, in the graph's own terms (model ids of one host). They come from
 * `deriveRelations` (server/core/relations); see `graphRelations` for the mapping.
 */
export type GraphRelation =
  /** Two OVS patch ports (or bond interfaces: ids are of the node standing for the interface) that name each other as peer. */
  | { kind: 'patch'; a: string; b: string }
  /** A patch port whose peer is missing (ghost node) or does not point back (`peerPort`). */
  | { kind: 'patch-dangling'; port: string; peer: string; reason: string; peerPort?: string }
  /** Two ends of a veth pair (link ids, possibly in different namespaces). */
  | { kind: 'veth'; a: string; b: string }
  /** An OVS port and the kernel link that backs it; `linkNs` is the link's namespace ("" = root). */
  | { kind: 'backs'; port: string; link: string; linkNs: string }
  /** A link enslaved to a Linux bridge or bond (link ids in one namespace). */
  | { kind: 'master'; link: string; master: string }
  /** A tunnel port and, when known, the host (and that host's tunnel port) its remote_ip belongs to. */
  | {
      kind: 'tunnel';
      port: string;
      type: string;
      remoteIp: string;
      remoteHost?: string;
      remotePort?: string;
    };
