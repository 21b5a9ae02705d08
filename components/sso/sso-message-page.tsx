import { SsoDocument } from "./sso-document";

/** A plain page that says why single sign-on stopped and what to do: what every refusal answers with. */
export function SsoMessagePage({ title, message, reference }: { title: string; message: string; reference?: string }) {
  return (
    <SsoDocument title={title}>
      <h1 style={{ fontSize: "1.25rem", margin: "0 0 0.5rem" }}>{title}</h1>
      <p style={{ margin: "0 0 1rem", lineHeight: 1.5 }}>{message}</p>
      {reference ? <p style={{ margin: "0 0 1rem", color: "#52525b", fontSize: "0.875rem" }}>Reference: {reference}</p> : null}
      <p style={{ margin: 0 }}>
        <a href="/" style={{ color: "#3730a3" }}>
          Go to Roster
        </a>
      </p>
    </SsoDocument>
  );
}
