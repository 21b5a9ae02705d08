import { Alert } from "@/components/ui/alert";

const DAY = 24 * 60 * 60 * 1000;

/** Warns a month ahead that the SCIM token will expire, and says so plainly once it has. */
export function TokenExpiryNotice({ expiresAt, now = new Date() }: { expiresAt: Date | null; now?: Date }) {
  if (!expiresAt) return null;
  const days = Math.ceil((expiresAt.getTime() - now.getTime()) / DAY);
  const date = expiresAt.toISOString().slice(0, 10);
  if (days < 0) {
    return <Alert tone="error">The SCIM token expired on {date}. Provisioning stops until you create a new token in the app and paste it here.</Alert>;
  }
  if (days <= 30) {
    return (
      <Alert tone="error">
        The SCIM token expires in {days} {days === 1 ? "day" : "days"} ({date}). Create a new token in the app and paste it here before then.
      </Alert>
    );
  }
  return null;
}
