/** A REST API method of a synthesized template, as the test of one route needs it. */
export interface TemplateApiMethod {
  readonly HttpMethod: string;
  readonly ResourceId: unknown;
  /** `method.request.{path,querystring}.<name>` -> required. */
  readonly RequestParameters?: Readonly<Record<string, boolean>>;
  readonly RequestValidatorId?: unknown;
  readonly OperationName?: string;
  readonly AuthorizationType?: string;
}

interface TemplateJson {
  readonly Resources?: Readonly<Record<string, { Type: string; Properties?: Record<string, unknown> }>>;
}

/**
 * The AWS::ApiGateway::Method resources of a synthesized template keyed `GET /items/{pk}`, each resource path rebuilt
 * from the AWS::ApiGateway::Resource PathPart/ParentId chain (the root resource is `/`).
 */
export function apiMethodsOf(template: TemplateJson): Record<string, TemplateApiMethod> {
  const resources = Object.entries(template.Resources ?? {});
  const parts = new Map(
    resources
      .filter(([, r]) => r.Type === 'AWS::ApiGateway::Resource')
      .map(([id, r]) => [id, r.Properties as { PathPart: string; ParentId: { Ref?: string } }]),
  );
  const pathOf = (id: string | undefined): string => {
    const part = id === undefined ? undefined : parts.get(id);
    return part ? `${pathOf(part.ParentId.Ref)}/${part.PathPart}` : '';
  };
  return Object.fromEntries(
    resources
      .filter(([, r]) => r.Type === 'AWS::ApiGateway::Method')
      .map(([, r]) => {
        const method = r.Properties as unknown as TemplateApiMethod;
        const ref = (method.ResourceId as { Ref?: string } | undefined)?.Ref;
        return [`${method.HttpMethod} ${pathOf(ref) || '/'}`, method];
      }),
  );
}
