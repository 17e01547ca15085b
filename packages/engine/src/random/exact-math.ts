// The natural logarithm and exponential used to draw random variates, written in JavaScript (ports of
// fdlibm's e_log.c and e_exp.c by @stdlib), so that a seed gives the same bits in every JavaScript
// engine. Math.log and Math.exp are left to each engine: Node 20's V8 uses fdlibm (these functions
// return exactly its values), a current Chromium's V8 another library that differs in the last bit for
// a few per cent of arguments, which shifts event times and so the cost figures of a run.
import exactExp from '@stdlib/math-base-special-exp';
import exactLog from '@stdlib/math-base-special-ln';

/** Natural logarithm, identical in every JavaScript engine (and to Node 20's Math.log). */
export const log: (x: number) => number = exactLog;

/** e^x, identical in every JavaScript engine (and to Node 20's Math.exp). */
export const exp: (x: number) => number = exactExp;
