import "server-only";
import QRCode from "qrcode";
import { pendingEnrolment, startEnrolment, type Enrolment } from "./totp-factor";

export interface EnrolmentView {
  qrSvg: string;
  secret: string;
}

/** What the enrolment page shows: the QR code (SVG, drawn here) and the key as text; null once set up. */
export async function enrolmentView(userId: string): Promise<EnrolmentView | null> {
  const enrolment = (await pendingEnrolment(userId)) ?? (await startEnrolment(userId));
  return enrolment ? drawEnrolment(enrolment) : null;
}

/** The QR code of an enrolment's otpauth URI (drawn here, so nothing leaves Roster to draw it) and its key as text. */
export async function drawEnrolment(enrolment: Enrolment): Promise<EnrolmentView> {
  const qrSvg = await QRCode.toString(enrolment.uri.reveal(), { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { qrSvg, secret: enrolment.secret.reveal() };
}
