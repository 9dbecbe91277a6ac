import type { ResourceHandlerRegistry } from '../cfn/resource-handler-registry';
import { apiAccountHandler } from './api-account-handler';
import { apiDeploymentHandler } from './api-deployment-handler';
import { apiGatewayResponseHandler } from './api-gateway-response-handler';
import { apiMethodHandler } from './api-method-handler';
import { apiRequestValidatorHandler } from './api-request-validator-handler';
import { apiResourceHandler } from './api-resource-handler';
import { apiRestApiHandler } from './api-rest-api-handler';
import { apiStageHandler } from './api-stage-handler';
import { lambdaFunctionHandler } from './lambda-function-handler';
import { lambdaPermissionHandler } from './lambda-permission-handler';

/** The Lambda and API Gateway resource types: functions, permissions, REST APIs (log groups are built in). */
export function registerLambdaApiHandlers(registry: ResourceHandlerRegistry): void {
  registry.register('AWS::Lambda::Function', lambdaFunctionHandler);
  registry.register('AWS::Lambda::Permission', lambdaPermissionHandler);
  registry.register('AWS::ApiGateway::RestApi', apiRestApiHandler);
  registry.register('AWS::ApiGateway::Resource', apiResourceHandler);
  registry.register('AWS::ApiGateway::Method', apiMethodHandler);
  registry.register('AWS::ApiGateway::RequestValidator', apiRequestValidatorHandler);
  registry.register('AWS::ApiGateway::Deployment', apiDeploymentHandler);
  registry.register('AWS::ApiGateway::Stage', apiStageHandler);
  registry.register('AWS::ApiGateway::GatewayResponse', apiGatewayResponseHandler);
  registry.register('AWS::ApiGateway::Account', apiAccountHandler);
}
