import type { ImportPreview } from "@/lib/provisioning/import-runs/preview-import";

const n = (count: number) => count.toLocaleString("en-US");
const people = (count: number) => `${n(count)} ${count === 1 ? "person" : "people"}`;
const times = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/** What confirming does in Roster, counted for the actual selection by applying it in a rolled-back transaction. */
function InRoster({ preview, appName }: { preview: ImportPreview; appName: string }) {
  const outcome = preview.outcome;
  if (!outcome) {
    const { NEW, UPDATE, ACTIVATE, DEACTIVATE } = preview.byAction;
    const parts = [
      NEW ? `${times(NEW, "new person", "new people")} to create` : null,
      UPDATE ? `${people(UPDATE)} to update from ${appName}` : null,
      ACTIVATE ? `${people(ACTIVATE)} to assign ${appName}` : null,
      DEACTIVATE ? `${people(DEACTIVATE)} to unassign` : null,
    ].filter(Boolean);
    return (
      <p>
        Import {people(preview.people)}: {parts.join(", ")}.
      </p>
    );
  }
  const parts = [
    outcome.created ? `${times(outcome.created, "new person", "new people")} created in Roster` : null,
    outcome.updated ? `${n(outcome.updated)} updated from ${appName}` : null,
    outcome.assigned
      ? `${n(outcome.assigned)} assigned ${appName}${outcome.created ? ` (the new ${outcome.created === 1 ? "person" : "people"} among them)` : ""}`
      : null,
    outcome.unassigned ? `${n(outcome.unassigned)} unassigned from ${appName}` : null,
    outcome.groupsCreated ? `${times(outcome.groupsCreated, "group", "groups")} created` : null,
    outcome.membershipsAdded ? `${times(outcome.membershipsAdded, "group membership", "group memberships")} added` : null,
    outcome.skipped ? `${n(outcome.skipped)} skipped (the reasons show after confirming)` : null,
  ].filter(Boolean);
  const unchanged = preview.byAction.UPDATE - outcome.updated;
  return (
    <p>
      Import {people(preview.people)}: {parts.length > 0 ? parts.join(", ") : "nothing changes in Roster"}.
      {unchanged > 0 ? ` ${people(unchanged)} marked Update already ${unchanged === 1 ? "has" : "have"} ${appName}'s values.` : ""}
    </p>
  );
}

/** What the sync engine then sends to the app for these people, as its Dry run plans it. */
function SentToApp({ preview, appName }: { preview: ImportPreview; appName: string }) {
  const sent = preview.sent;
  if (!sent) {
    return (
      <p>
        Sent to {appName}: for more than 1,000 people Roster does not work out every request ahead. After confirming, the sync sends each of them only what
        differs from what {appName} has (at least Roster&apos;s id on accounts that lack it); the provisioning log lists every request.
      </p>
    );
  }
  const accounts = (count: number) => times(count, "account", "accounts");
  const requests = [
    sent.updates
      ? `${accounts(sent.updates)} updated: ${sent.attributes.map(([label, count]) => (count === sent.updates ? label : `${label} (${n(count)})`)).join(", ")}`
      : null,
    sent.activates ? `${accounts(sent.activates)} activated` : null,
    sent.deactivates ? `${accounts(sent.deactivates)} deactivated (active: false)` : null,
    sent.creates ? `${accounts(sent.creates)} created` : null,
    sent.deletes ? `${accounts(sent.deletes)} deleted` : null,
  ].filter((request): request is string => request !== null);
  const when =
    preview.appState === "DRAFT"
      ? `Provisioning to ${appName} is not set up yet, so nothing is sent now. Once it is, a sync sends:`
      : preview.appState === "ACTIVE"
        ? `Right after confirming, the sync sends ${appName}:`
        : `Provisioning to ${appName} is paused; held until it resumes:`;
  return (
    <div data-testid="import-preview-sent" className="space-y-1">
      <p className="font-medium text-zinc-800">What reaches {appName}</p>
      {requests.length === 0 ? (
        <p>Nothing is sent to {appName}: it already has these values.</p>
      ) : (
        <>
          <p>{when}</p>
          <ul className="list-disc space-y-1 pl-5">
            {requests.map((request) => (
              <li key={request}>{request}</li>
            ))}
          </ul>
          {sent.updates ? <p>An update sends only the attributes listed, where Roster&apos;s value differs from what {appName} holds.</p> : null}
        </>
      )}
      {sent.skipped.map(([reason, count]) => (
        <p key={reason}>
          Not sent for {people(count)}: {reason}
        </p>
      ))}
    </div>
  );
}

export function ImportPreviewSummary({ preview, appName, joinGroups }: { preview: ImportPreview; appName: string; joinGroups: boolean }) {
  return (
    <div data-testid="import-preview" className="space-y-2">
      <InRoster preview={preview} appName={appName} />
      <SentToApp preview={preview} appName={appName} />
      {joinGroups && preview.pushGroups ? <p>Memberships added to groups Roster pushes to {appName} are sent to it too.</p> : null}
      <p>Confirming twice changes nothing the second time.</p>
    </div>
  );
}
