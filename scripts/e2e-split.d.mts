/** Types of scripts/e2e-split.mjs for its test. */
export interface SpecGroup {
  files: string[];
  seconds: number;
}
export const SOLO: string[];
export function split(files: string[], weights: Record<string, number>, n: number): SpecGroup[];
