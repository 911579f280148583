/**
 * What a formula that does not parse gets back instead of a tree: one message, with the column it
 * names, so the page can show it as the user types and underline the place. Nothing here throws.
 */
export interface FormulaError {
  /** One line, naming the column: "unknown function 'sinn' at column 5". */
  message: string;
  /** 1-based; at most the text's length + 1 (one past the end, for what is missing at the end). */
  column: number;
}

/** The error "`what` at column `column``after`". */
export const formulaError = (what: string, column: number, after = ''): FormulaError => ({ message: `${what} at column ${column}${after}`, column });
