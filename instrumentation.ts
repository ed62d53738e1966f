/**
 * Runs once when the server starts: an organization policy that cannot be
 * used stops the server with each problem's path, instead of serving a wizard
 * that ignores it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { PolicyFileError, processPolicy } = await import("./lib/server/policy");
  try {
    const loaded = await processPolicy();
    if (loaded) console.log(`sidecar: policy "${loaded.policy.name}" (${loaded.hash}) from ${loaded.file}`);
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    console.error(`sidecar: ${error.message}`);
    process.exit(1);
  }
}
