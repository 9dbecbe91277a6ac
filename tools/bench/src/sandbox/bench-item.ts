const STATUSES = ['active', 'idle', 'maintenance', 'retired'] as const;

/**
 * The i-th generated device, about 200 bytes by DynamoDB's item size rule (attribute names plus values), so
 * 100,000 of them are the issue's ~20 MB table. Deterministic: the same index gives the same item.
 */
export function benchItem(index: number): Record<string, string | number> {
  const id = String(index).padStart(7, '0');
  return {
    deviceId: `bench-${id}`,
    name: `Bench device ${id}`,
    model: `XR-${(index % 97).toString().padStart(2, '0')}`,
    status: STATUSES[index % STATUSES.length] ?? 'active',
    firmware: `1.${index % 10}.${index % 100}`,
    updatedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    readings: index % 1000,
    note: 'sensor reading batch for the benchmark; padded to about two hundred bytes.',
  };
}
