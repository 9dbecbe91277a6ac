/** What `{ Ref: 'AWS::NoValue' }` resolves to: the property (or list entry) is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
