/**
 * Email verification and magic links without an email service: better-auth
 * creates the token but nobody ever receives the link, so nobody can sign in.
 */
import { troubleshooting } from "../docs";
import { authConfigFiles, authServerRoots, dependencyVersion, fileAt, isUnder, lineAt } from "../project";
import { maskJsComments } from "../source";
import type { Check, Finding, ProjectFile } from "../types";

const EMAIL_PACKAGES = ["nodemailer", "resend", "@sendgrid/mail", "postmark", "mailgun.js", "@aws-sdk/client-ses", "@aws-sdk/client-sesv2", "@mailchimp/mailchimp_transactional", "@react-email/components", "emailjs"];

function hasEmailPackage(files: readonly ProjectFile[], authFile: ProjectFile): boolean {
  const root = authServerRoots(files).find((r) => isUnder(authFile.path, r));
  const pkg = root !== undefined ? fileAt(files, `${root}package.json`) : undefined;
  return !!pkg && EMAIL_PACKAGES.some((name) => dependencyVersion(pkg, name) !== undefined);
}

function findingsFor(files: readonly ProjectFile[], file: ProjectFile): Finding[] {
  const code = maskJsComments(file.content);
  const findings: Finding[] = [];
  const verification = /requireEmailVerification\s*:\s*true/.exec(code);
  const magicLink = /\bmagicLink\s*\(/.exec(code);
  if (verification && !/\bsendVerificationEmail\b/.test(code)) {
    findings.push({ file: file.path, line: lineAt(code, verification.index), message: "Email verification is required but emailVerification.sendVerificationEmail is not defined: users never get the link" });
  }
  if (magicLink && !/\bsendMagicLink\b/.test(code)) {
    findings.push({ file: file.path, line: lineAt(code, magicLink.index), message: "The magic-link plugin has no sendMagicLink: nobody receives a sign-in link" });
  }
  const first = verification ?? magicLink;
  if (first && findings.length === 0 && !hasEmailPackage(files, file)) {
    findings.push({ file: file.path, line: lineAt(code, first.index), message: "Email is sent, but the auth server has no email service (nodemailer/SMTP, Resend, SendGrid, …) configured" });
  }
  return findings;
}

export const emailService: Check = {
  id: "email-service",
  title: "Email Verification",
  severity: "warning",
  explanation:
    "Required email verification and magic links only work when the auth server can send mail. Configure a service (SMTP via nodemailer, Resend, SendGrid…) or turn verification off while testing.",
  docs: troubleshooting("email-verification"),
  check: (files) => authConfigFiles(files).flatMap((file) => findingsFor(files, file)),
};
