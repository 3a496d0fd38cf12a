import { type ParseArgsConfig, parseArgs } from "node:util";
import { InputError } from "../errors/index.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `util.parseArgs` with its errors turned into one-line usage errors (exit 2). */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new InputError(
      "arguments",
      `${(err as Error).message.split("\n")[0]} (usage: termsight ${command} --help)`,
    );
  }
}

/** Checks a flag value against its allowed set, naming the flag and the choices. */
export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(flag, `unknown value "${value}" (expected one of: ${allowed.join(", ")})`);
}
