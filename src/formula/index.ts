/**
 * The formula language: text -> checked tree (parse, parseModel), tree -> text (print), tree ->
 * float64 value (evaluate), and the symbols a tree uses in natural order. Pure TypeScript, shared
 * by the page (errors as the user types) and the engine (which compiles the tree into tfjs ops).
 */
export { CONSTANTS, equalTrees, FUNCTION_ALIASES, FUNCTIONS, RESERVED_NAMES, type BinaryOp, type ConstantName, type FunctionName, type Node } from './ast';
export type { FormulaError } from './errors';
export { evaluate, FUNCTION_VALUES, symbolicPower } from './evaluate';
export { MAX_FORMULA_LENGTH } from './lex';
export { MAX_NESTING, parse, parseModel, type ModelOptions, type ModelResult, type ParseResult } from './parse';
export { print } from './print';
export { freeSymbols, hasSymbol, naturalCompare, sortNatural, symbolsOf, type SymbolUse } from './symbols';
