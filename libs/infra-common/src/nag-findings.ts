import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** An acknowledged cdk-nag finding and the construct it sits on. */
export interface Acknowledgement {
  readonly id: string;
  readonly path: string;
  readonly reason: string;
}

/** `<rule id> @ <construct path>` for every finding the two packs report on `app`. */
export function nagFindings(app: App, options: { ignoreAcknowledgements?: boolean } = {}): string[] {
  // To prove each acknowledgement names a real finding, the raw findings are needed: make the packs see none.
  const proto = NagPack.prototype as unknown as { isAcknowledged: () => boolean };
  const original = proto.isAcknowledged;
  if (options.ignoreAcknowledgements) proto.isAcknowledged = () => false;
  try {
    return [new AwsSolutionsChecks(), new ServerlessChecks()]
      .flatMap((pack) => pack.validateScope(app).violations)
      .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath ?? '?'}`))
      .sort();
  } finally {
    proto.isAcknowledged = original;
  }
}

/** Every `Validations.of(x).acknowledge()` in the tree, with the construct it sits on. */
export function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^[^:]*::/, ''),
          path: c.node.path,
          reason,
        })),
      ),
  );
}
