/**
 * Files of an upload that hold the app's own secrets: the patched copy in
 * backend/ (and so the preview and the zip) leaves them out, and the docs tell
 * the team to keep using their own. The change never edits them, so the patch
 * is the same with or without them.
 */

/** Env files meant to be copied and filled in, which hold no secret of their own. */
const ENV_TEMPLATE_SUFFIXES = ["example", "sample", "template", "dist", "defaults"] as const;

/** Names that hold credentials wherever they are: private keys, keystores, client credential files. */
const SECRET_NAMES = /^(?:id_(?:rsa|dsa|ecdsa|ed25519)|\.netrc|\.pgpass|\.pypirc|credentials\.json|service-account.*\.json)$/i;
const SECRET_EXTENSIONS = /\.(?:key|p12|pfx|jks|keystore)$/i;

const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

export function isSecretFile(path: string): boolean {
  const name = baseName(path);
  if (name === ".env" || (name.startsWith(".env.") && !(ENV_TEMPLATE_SUFFIXES as readonly string[]).includes(name.slice(5).toLowerCase()))) return true;
  return SECRET_NAMES.test(name) || SECRET_EXTENSIONS.test(name);
}
