import type { Stage } from '@xacct/config';

/**
 * `path?query` with the parameters sorted by name and percent-encoded (`:` as `%3A`), as SigV4's canonical query
 * string has them: curl 7.x's `--aws-sigv4` signs the query as written, so any other order or spelling fails with
 * INVALID_SIGNATURE.
 */
function withQuery(path: string, query: Record<string, string>): string {
  const params = new URLSearchParams(query);
  params.sort();
  return `${path}?${params.toString()}`;
}

/**
 * The API paths `npm start` prints as curl commands, each with what it shows: on a table with a sort key (the
 * `local-history` readings) a partition Query, a sort-key range and an index Query; otherwise Scan, GetItem and paging.
 */
export function tryPaths(stage: Stage): Array<[path: string, what: string]> {
  if (!stage.table.sortKey) {
    return [
      ['/items', ''],
      ['/items/d0001', ''],
      ['/items?limit=1', ''],
    ];
  }
  const index = stage.table.indexes[0];
  return [
    ['/items?limit=5', 'Scan, one page'],
    ['/items/d0001?limit=5', "partition Query: d0001's readings, oldest first"],
    [
      withQuery('/items/d0001', { skBeginsWith: '2026-12-01T1', order: 'desc' }),
      'readings of 10:00-19:59, newest first',
    ],
    [withQuery('/items/d0001', { sk: '2026-12-01T00:07:00.000Z' }), 'GetItem: one reading'],
    ...(index
      ? ([
          [`/indexes/${index.name}/items/alice?limit=5`, `index Query (${index.name}): both of alice's devices`],
          [
            withQuery(`/indexes/${index.name}/items/alice`, {
              skFrom: '2026-12-01T06:00',
              skTo: '2026-12-01T08:00',
              fields: 'temperature',
            }),
            'a time range, one attribute (keys always come along)',
          ],
        ] satisfies Array<[string, string]>)
      : []),
  ];
}
