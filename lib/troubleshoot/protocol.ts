/** Messages between the troubleshooter page and its matching worker (patterns are looked up by id on each side). */
export type MatchRequest = { id: number; text: string };

type MatchedPattern = { patternId: string; excerpt: string; subject?: string; line: number };

/** `characters`: how much of the paste was read (all of it). */
export type MatchResponse = { id: number; matches: MatchedPattern[]; characters: number };
