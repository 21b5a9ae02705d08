import "server-only";
import QRCode from "qrcode";
import { pendingEnrolment, startEnrolment } from "./totp-factor";

/** What the enrolment page shows: the QR code (SVG, drawn here) and the key as text; null once set up. */
export async function enrolmentView(userId: string): Promise<{ qrSvg: string; secret: string } | null> {
  const enrolment = (await pendingEnrolment(userId)) ?? (await startEnrolment(userId));
  if (!enrolment) return null;
  const qrSvg = await QRCode.toString(enrolment.uri.reveal(), { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { qrSvg, secret: enrolment.secret.reveal() };
}
