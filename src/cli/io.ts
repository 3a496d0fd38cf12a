/** What a command may touch: injected so tests can run commands in-process against temp folders. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (for `-` as a file name). */
  readStdin(): Promise<Buffer>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    cwd: process.cwd(),
    env: process.env,
  };
}

/** An in-memory io for tests: collects output. */
export function memoryIo(
  stdin: Buffer | string = "",
  cwd = process.cwd(),
): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: async () => (typeof stdin === "string" ? Buffer.from(stdin) : stdin),
    cwd,
    env: { ...process.env },
  };
  return io;
}
