import { TemplateError } from '../errors';
import type { MethodSetting } from '../api-gateway/types';

/** `MethodSettings` of a Stage (or a Deployment's StageDescription), as far as throttling goes. */
export function parseMethodSettings(value: unknown, where: string): MethodSetting[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TemplateError(`${where}.MethodSettings must be a list.`);
  return value.map((entry: unknown, index) => {
    const setting = (entry ?? {}) as Record<string, unknown>;
    const rate = setting['ThrottlingRateLimit'];
    const burst = setting['ThrottlingBurstLimit'];
    const parsed: MethodSetting = {
      resourcePath: String(setting['ResourcePath'] ?? '/*'),
      httpMethod: String(setting['HttpMethod'] ?? '*').toUpperCase(),
      ...(rate === undefined ? {} : { throttlingRateLimit: Number(rate) }),
      ...(burst === undefined ? {} : { throttlingBurstLimit: Number(burst) }),
    };
    for (const limit of [parsed.throttlingRateLimit, parsed.throttlingBurstLimit]) {
      if (limit !== undefined && (!Number.isFinite(limit) || limit < 0)) {
        throw new TemplateError(`${where}.MethodSettings[${index}]: throttling limits must be numbers >= 0.`);
      }
    }
    return parsed;
  });
}
