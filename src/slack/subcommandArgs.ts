/**
 * Arguments of `/sma` subcommands that ask the core by structure. `/sma rounds 11`, `/sma rounds
 * 11th` and `/sma rounds 11th SMA` name an agreement; any other words after `rounds` make the
 * whole text a question for the router ("/sma rounds held in 2019?").
 */
export const AGREEMENT_ARGUMENT = /^([1-9]\d?)(?:st|nd|rd|th)?(?:\s+sma)?$/i;

/** The agreement number the argument names (1 to 99), if it names one. */
export function agreementArgument(args: string): number | undefined {
  const m = AGREEMENT_ARGUMENT.exec(args.trim());
  return m ? Number(m[1]) : undefined;
}
