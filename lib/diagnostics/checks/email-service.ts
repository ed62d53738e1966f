/**
 * Email verification and magic links without an email service: better-auth
 * creates the token but nobody ever receives the link, so nobody can sign in.
 */
import { authOptionSources, authOptionsText } from "../auth-options";
import { troubleshooting } from "../docs";
import { authServerRoots, dependencyVersion, fileAt, lineAt } from "../project";
import { maskJsComments } from "../source";
import type { Check, Finding, ProjectFile } from "../types";

const EMAIL_PACKAGES = [
  "nodemailer",
  "resend",
  "@sendgrid/mail",
  "postmark",
  "mailgun.js",
  "@aws-sdk/client-ses",
  "@aws-sdk/client-sesv2",
  "@mailchimp/mailchimp_transactional",
  "emailjs",
];

function hasEmailPackage(files: readonly ProjectFile[]): boolean {
  return authServerRoots(files).some((root) => {
    const pkg = fileAt(files, `${root}package.json`);
    return !!pkg && EMAIL_PACKAGES.some((name) => dependencyVersion(pkg, name) !== undefined);
  });
}

/** Where in the options a pattern first appears. */
function locate(files: readonly ProjectFile[], pattern: RegExp): Finding | undefined {
  for (const { file } of authOptionSources(files)) {
    const match = pattern.exec(maskJsComments(file.content));
    if (match) return { file: file.path, line: lineAt(file.content, match.index), message: "" };
  }
  return undefined;
}

function findings(files: readonly ProjectFile[]): Finding[] {
  const code = authOptionsText(files);
  const verification = locate(files, /requireEmailVerification\s*:\s*true/);
  const magicLink = locate(files, /\bmagicLink\s*\(/);
  const found: Finding[] = [];
  if (verification && !/\bsendVerificationEmail\b/.test(code)) {
    found.push({
      ...verification,
      message: "Email verification is required but emailVerification.sendVerificationEmail is not defined: users never get the link",
    });
  }
  if (magicLink && !/\bsendMagicLink\b/.test(code)) {
    found.push({ ...magicLink, message: "The magic-link plugin has no sendMagicLink: nobody receives a sign-in link" });
  }
  const first = verification ?? magicLink;
  if (first && found.length === 0 && !hasEmailPackage(files)) {
    found.push({ ...first, message: "Email is sent, but the auth server has no email service (nodemailer/SMTP, Resend, SendGrid, …) among its dependencies" });
  }
  return found;
}

export const emailService: Check = {
  id: "email-service",
  title: "Email Verification",
  severity: "warning",
  explanation:
    "Required email verification and magic links only work when the auth server can send mail. Configure a service (SMTP via nodemailer, Resend, SendGrid…) or turn verification off while testing.",
  docs: troubleshooting("verification-and-magic-link-emails"),
  check: (files) => findings(files),
};
