import type { ReactNode } from "react";

/**
 * The bare HTML document of the single sign-on pages that route handlers answer with (rendered to static
 * markup on the server: no client JavaScript of Next's, so the styles are inline).
 */
export function SsoDocument({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · Roster`}</title>
      </head>
      <body style={{ margin: 0, fontFamily: "system-ui, sans-serif", background: "#fafafa", color: "#18181b" }}>
        <main style={{ maxWidth: "32rem", margin: "10vh auto", padding: "2rem", background: "#fff", borderRadius: "1rem", border: "1px solid #e4e4e7" }}>
          {children}
        </main>
      </body>
    </html>
  );
}
