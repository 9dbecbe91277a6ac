import { TemplateError } from '../errors';
import type { PolicyDocument } from '../iam/policy-document';
import { randomApiId } from './random-api-id';
import { throttleSetting } from './throttle-setting';
import { TokenBucket } from './token-bucket';
import type { ApiDefinition, ApiMethod, ApiStage, GatewayResponse, RequestValidator, RestApi } from './types';

/** What a request addresses: the API, its stage and the definition that stage serves. */
export type StageLookup =
  | { found: true; api: RestApi; stage: ApiStage; definition: ApiDefinition }
  | { found: false; reason: 'no-api' | 'no-stage' };

/**
 * The sandbox's API Gateway state: REST APIs as CloudFormation builds them (resources, methods,
 * validators), deployments as frozen copies of the definition, and stages pointing at a deployment,
 * each with its own throttling buckets.
 */
export class ApiGatewayService {
  private readonly apis = new Map<string, RestApi>();
  private readonly deployments = new Map<string, ApiDefinition>();
  private readonly stages = new Map<string, ApiStage>();
  private readonly buckets = new Map<string, TokenBucket>();
  /** Scales every stage's rate and burst (benchmarks lift the limits); 1 = the template's values. */
  private throttleScale = 1;

  createRestApi(input: {
    accountId: string;
    region: string;
    name: string;
    policy?: PolicyDocument;
    apiId?: string;
    rootResourceId?: string;
  }): RestApi {
    const apiId = input.apiId ?? randomApiId(10);
    const rootResourceId = input.rootResourceId ?? randomApiId(10);
    const api: RestApi = {
      apiId,
      name: input.name,
      accountId: input.accountId,
      region: input.region,
      ...(input.policy === undefined ? {} : { policy: input.policy }),
      definition: {
        rootResourceId,
        resources: { [rootResourceId]: { id: rootResourceId, pathPart: '', methods: {} } },
        validators: {},
        gatewayResponses: {},
      },
    };
    this.apis.set(apiId, api);
    return api;
  }

  updateRestApi(apiId: string, input: { name: string; policy?: PolicyDocument }): void {
    const api = this.require(apiId);
    api.name = input.name;
    if (input.policy === undefined) delete api.policy;
    else api.policy = input.policy;
  }

  deleteRestApi(apiId: string): void {
    this.apis.delete(apiId);
    for (const map of [this.deployments, this.stages, this.buckets]) {
      for (const key of map.keys()) if (key.startsWith(`${apiId}/`)) map.delete(key);
    }
  }

  getRestApi(apiId: string): RestApi | undefined {
    return this.apis.get(apiId);
  }

  listRestApis(): RestApi[] {
    return [...this.apis.values()];
  }

  putResource(apiId: string, input: { parentId: string; pathPart: string; id?: string }): string {
    const api = this.require(apiId);
    if (!api.definition.resources[input.parentId]) {
      throw new TemplateError(`Parent resource ${input.parentId} does not exist in REST API ${apiId}`);
    }
    const id = input.id ?? randomApiId(6);
    const existing = api.definition.resources[id];
    api.definition.resources[id] = {
      id,
      parentId: input.parentId,
      pathPart: input.pathPart,
      methods: existing?.methods ?? {},
    };
    return id;
  }

  deleteResource(apiId: string, resourceId: string): void {
    const api = this.apis.get(apiId);
    if (api) delete api.definition.resources[resourceId];
  }

  putMethod(apiId: string, resourceId: string, method: ApiMethod): void {
    const resource = this.require(apiId).definition.resources[resourceId];
    if (!resource) throw new TemplateError(`Resource ${resourceId} does not exist in REST API ${apiId}`);
    resource.methods[method.httpMethod] = method;
  }

  deleteMethod(apiId: string, resourceId: string, httpMethod: string): void {
    const resource = this.apis.get(apiId)?.definition.resources[resourceId];
    if (resource) delete resource.methods[httpMethod];
  }

  putValidator(apiId: string, validator: Omit<RequestValidator, 'id'> & { id?: string }): string {
    const id = validator.id ?? randomApiId(6);
    this.require(apiId).definition.validators[id] = { ...validator, id };
    return id;
  }

  deleteValidator(apiId: string, validatorId: string): void {
    const api = this.apis.get(apiId);
    if (api) delete api.definition.validators[validatorId];
  }

  putGatewayResponse(apiId: string, response: GatewayResponse): void {
    this.require(apiId).definition.gatewayResponses[response.responseType] = response;
  }

  deleteGatewayResponse(apiId: string, responseType: string): void {
    const api = this.apis.get(apiId);
    if (api) delete api.definition.gatewayResponses[responseType];
  }

  /** Freezes the API's current definition; stages serve deployments, not the live definition. */
  createDeployment(apiId: string, deploymentId: string = randomApiId(6), definition?: ApiDefinition): string {
    const source = definition ?? this.require(apiId).definition;
    this.deployments.set(`${apiId}/${deploymentId}`, structuredClone(source));
    return deploymentId;
  }

  getDeployment(apiId: string, deploymentId: string): ApiDefinition | undefined {
    return this.deployments.get(`${apiId}/${deploymentId}`);
  }

  deleteDeployment(apiId: string, deploymentId: string): void {
    this.deployments.delete(`${apiId}/${deploymentId}`);
  }

  putStage(apiId: string, stage: ApiStage): void {
    this.require(apiId);
    if (!this.deployments.has(`${apiId}/${stage.deploymentId}`)) {
      throw new TemplateError(`Deployment ${stage.deploymentId} does not exist in REST API ${apiId}`);
    }
    this.stages.set(`${apiId}/${stage.stageName}`, structuredClone(stage));
    this.resetBuckets(apiId, stage.stageName);
  }

  deleteStage(apiId: string, stageName: string): void {
    this.stages.delete(`${apiId}/${stageName}`);
    this.resetBuckets(apiId, stageName);
  }

  listStages(apiId: string): ApiStage[] {
    return [...this.stages.entries()].filter(([key]) => key.startsWith(`${apiId}/`)).map(([, stage]) => stage);
  }

  lookup(apiId: string, stageName: string): StageLookup {
    const api = this.apis.get(apiId);
    if (!api) return { found: false, reason: 'no-api' };
    const stage = this.stages.get(`${apiId}/${stageName}`);
    const definition = stage && this.deployments.get(`${apiId}/${stage.deploymentId}`);
    if (!stage || !definition) return { found: false, reason: 'no-stage' };
    return { found: true, api, stage, definition };
  }

  /** Takes a token from the method's bucket; false means 429. */
  takeToken(apiId: string, stage: ApiStage, resourcePath: string, httpMethod: string, now = Date.now()): boolean {
    const key = `${apiId}/${stage.stageName}/${resourcePath}/${httpMethod}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const { rate, burst } = throttleSetting(stage.methodSettings, resourcePath, httpMethod);
      bucket = new TokenBucket(rate * this.throttleScale, burst * this.throttleScale, now);
      this.buckets.set(key, bucket);
    }
    return bucket.tryTake(now);
  }

  /** Multiplies every stage's limits (1 restores the template's); buckets start afresh. */
  setThrottleScale(scale: number): void {
    this.throttleScale = scale;
    this.buckets.clear();
  }

  private resetBuckets(apiId: string, stageName: string): void {
    for (const key of this.buckets.keys()) if (key.startsWith(`${apiId}/${stageName}/`)) this.buckets.delete(key);
  }

  private require(apiId: string): RestApi {
    const api = this.apis.get(apiId);
    if (!api) throw new TemplateError(`REST API ${apiId} does not exist`);
    return api;
  }
}
