/** A decimal number as DynamoDB counts it: significant digits without leading/trailing zeros, and the exponent of the first digit. */
export interface DecimalParts {
  readonly negative: boolean;
  /** Significant digits; '' for zero. */
  readonly digits: string;
  /** Scientific exponent: the value is 0.d… × 10^(exponent + 1), i.e. d.ddd × 10^exponent. 0 for zero. */
  readonly exponent: number;
}

const DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Splits a plain decimal number (`-12.5`, `1e-7`, `1.5E+21`; no hex, `Infinity`, `+` sign or leading zeros) into
 * its significant digits and exponent, without going through a double, so no digit is lost. Undefined if not one.
 */
export function decimalParts(text: string): DecimalParts | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exp = '0'] = match;
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(leading).replace(/0+$/, '');
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  // Position of the first significant digit relative to the decimal point, shifted by the written exponent.
  const exponent = Number(exp) + whole.length - 1 - leading;
  return { negative: sign === '-', digits, exponent };
}
