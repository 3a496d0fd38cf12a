export declare function statementUse(text: string): "prepare" | "unnamed" | "schema";
export declare function isStalePlan(err: unknown): boolean;
export declare class PreparedStatements {
  constructor(max: number);
  get(text: string): string | undefined;
  newName(): string;
  add(text: string, name: string): string | undefined;
  delete(text: string): void;
  clear(): string[];
}
