/** Links from a check to the generated project's troubleshooting guide. */
export const troubleshooting = (anchor: string) => `TROUBLESHOOTING.md#${anchor}`;
