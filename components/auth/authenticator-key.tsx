/** The QR code (SVG drawn on the server from the otpauth URI) and the same key as text, for adding Roster to an authenticator app. */
export function AuthenticatorKey({ qrSvg, secret }: { qrSvg: string; secret: string }) {
  return (
    <>
      <div className="flex justify-center">
        <div
          role="img"
          aria-label="QR code to scan with your authenticator app"
          className="size-48 [&>svg]:size-full"
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
      </div>
      <div>
        <p id="secret-label" className="text-xs font-medium text-zinc-600">
          Key for typing in by hand
        </p>
        <p aria-labelledby="secret-label" data-testid="two-step-secret" className="mt-1 font-mono text-sm break-all text-zinc-900">
          {secret}
        </p>
      </div>
    </>
  );
}
